package dev.tributary.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The spec records check their own values: a spec built in Java is refused with the
 * same words as one read from YAML (which adds the file and the section's key path).
 */
class SpecRecordChecksTest {

    static void refused(String message, Executable build) {
        assertEquals(message, assertThrows(InvalidFieldException.class, build).getMessage());
    }

    @Test
    void shouldRefuseBadValuesBuiltInJavaWithTheWordsOfTheYamlReader() {
        refused("learningRate must be positive, found 0",
                () -> new OptimizerSpec(OptimizerType.ADAM, 0, 0.9, 0.999, 1e-8, 0, 0));
        refused("beta1 must be in [0, 1), found 1",
                () -> new OptimizerSpec(OptimizerType.ADAM, 0.01, 1.0, 0.999, 1e-8, 0, 0));
        refused("clipNorm must be at least 0, found -1",
                () -> new OptimizerSpec(OptimizerType.SGD, 0.01, 0, 0.999, 1e-8, -1, 0));
        refused("weights.income must be positive, found 0",
                () -> new WeightingSpec(WeightingType.FIXED, Map.of("income", 0.0), 20, 2, 1.5, 0.025));
        refused("window must be at least 1, found 0",
                () -> new WeightingSpec(WeightingType.DWA, Map.of(), 0, 2, 1.5, 0.025));
        refused("bufferCapacity must be at least 1, found 0",
                () -> new SamplerSpec(SamplerType.UNIFORM, Map.of(), 2, 0, 10, 100));
        refused("reservoirCapacity must be at least 0 (0 = no replay), found -1",
                () -> new SamplerSpec(SamplerType.UNIFORM, Map.of(), 2, 10, -1, 100));
        refused("temperature must be positive, found NaN",
                () -> new SamplerSpec(SamplerType.ADAPTIVE, Map.of(), Double.NaN, 10, 10, 100));
        refused("weights.b must be positive, found Infinity",
                () -> new SamplerSpec(SamplerType.STATIC, Map.of("b", Double.POSITIVE_INFINITY), 2, 10, 10, 100));
        refused("size must be between 1 and 65536, found 0", () -> new BatchSpec(0, 100));
        refused("maxWaitMs must be at least 0, found -5", () -> new BatchSpec(32, -5));
    }

    @Test
    void shouldRefuseBadModelSizesBuiltInJava() {
        ExpertSpec four = new ExpertSpec(4, java.util.List.of(32));
        refused("encoder[1] must be a layer width between 1 and 65536, found 0", () -> new ModelSpec(ModelFamily.MMOE,
                java.util.List.of(16, 0), four, ExpertSpec.none(), 0, java.util.List.of(16), 1.0, 0.0, 0.0));
        refused("experts.count must be at least 1 for family mmoe, found 0", () -> new ModelSpec(ModelFamily.MMOE,
                java.util.List.of(), new ExpertSpec(0, java.util.List.of(32)), ExpertSpec.none(), 0,
                java.util.List.of(16), 1.0, 0.0, 0.0));
        refused("levels must be at least 1 for family ple, found 0", () -> new ModelSpec(ModelFamily.PLE,
                java.util.List.of(), four, four, 0, java.util.List.of(16), 1.0, 0.0, 0.0));
        refused("expertDropout must be in [0, 1), found 1", () -> new ModelSpec(ModelFamily.MMOE,
                java.util.List.of(), four, ExpertSpec.none(), 0, java.util.List.of(16), 1.0, 1.0, 0.0));
    }

    @Test
    void shouldRefuseBadTasksAndFeaturesBuiltInJava() {
        refused("name must match [A-Za-z0-9_-]+, found 'in come'",
                () -> new TaskSpec("in come", TaskKind.BINARY, java.util.List.of(), "income.events", false));
        refused("classes must list at least two class names for kind multiclass, found [a]",
                () -> new TaskSpec("t", TaskKind.MULTICLASS, java.util.List.of("a"), "t.events", false));
        refused("classes must be empty for kind binary (only multiclass tasks have classes), found [a, b]",
                () -> new TaskSpec("t", TaskKind.BINARY, java.util.List.of("a", "b"), "t.events", false));
        refused("topic must be a legal Kafka topic name ([A-Za-z0-9._-], at most 249 characters), found 'a/b'",
                () -> new TaskSpec("t", TaskKind.BINARY, java.util.List.of(), "a/b", false));
        refused("buckets must be between 1 and 16777216, found 0", () -> FeatureSpec.categorical("c", 0, 4));
        refused("embedding must be between 1 and 256, found 300", () -> FeatureSpec.categorical("c", 16, 300));
        refused("name must be a non-empty name without surrounding spaces or control characters, found ' x'",
                () -> FeatureSpec.numeric(" x"));
    }

    @Test
    void shouldRefuseRulesAcrossEntriesOfATopologyBuiltInJava() {
        TopologySpec ok = SpecText.base().parse();
        TaskSpec income = ok.tasks().get(0);
        refused("tasks must have unique names, found 'income' twice", () -> new TopologySpec("t", 1,
                java.util.List.of(income, income), ok.features(), ok.model(), ok.optimizer(), ok.weighting(),
                ok.sampler(), ok.batch(), null, null));
        refused("sampler.weights must name tasks, found 'main'", () -> new TopologySpec("t", 1, ok.tasks(),
                ok.features(), ok.model(), ok.optimizer(), ok.weighting(),
                new SamplerSpec(SamplerType.STATIC, Map.of("main", 2.0), 2, 10, 10, 100), ok.batch(), null, null));
        refused("weighting.type gradnorm needs a model family with shared layers (shared-bottom, omoe, mmoe, cgc,"
                + " ple), found model.family single-task", () -> new TopologySpec("t", 1, ok.tasks(), ok.features(),
                new ModelSpec(ModelFamily.SINGLE_TASK, java.util.List.of(), ExpertSpec.none(), ExpertSpec.none(), 0,
                        java.util.List.of(16), 1.0, 0.0, 0.0), ok.optimizer(),
                new WeightingSpec(WeightingType.GRADNORM, Map.of(), 20, 2, 1.5, 0.025), ok.sampler(), ok.batch(),
                null, null));
    }

    @Test
    void shouldRefuseBadDataAndMonitoringSettingsBuiltInJava() {
        refused("correlation must be in [-1, 1], found 1.5", () -> new SyntheticSpec(4, 1.5, 1, 10, 0.1, 100));
        refused("events must be at least 1, found 0", () -> new SyntheticSpec(4, 0.5, 1, 10, 0.1, 0));
        DriftSpec d = DriftSpec.defaults();
        refused("adwin.delta must be in (0, 1), found 1", () -> new DriftSpec(d.signals(), 1.0, 32, 30, 0.005, 50,
                0.9999, 100, 1000, 0.1, null));
        refused("gate.slow must be greater than fast = 100, found 100", () -> new DriftSpec(d.signals(), 0.002, 32,
                30, 0.005, 50, 0.9999, 100, 100, 0.1, null));
        refused("signals must not repeat an item, found [LOSS, LOSS]", () -> new DriftSpec(
                java.util.List.of(DriftSignal.LOSS, DriftSignal.LOSS), 0.002, 32, 30, 0.005, 50, 0.9999, 100, 1000,
                0.1, null));
        refused("windowSize must be at least 2 * statSize = 60, found 50",
                () -> new DriftSpec.Kswin(java.util.List.of(DriftSignal.LOSS), 0.005, 50, 30));
        refused("statSize is too small for alpha 0.005: no sample of that size can reach a p-value of 0.005, found 3",
                () -> new DriftSpec.Kswin(java.util.List.of(DriftSignal.LOSS), 0.005, 100, 3));
        refused("factor must be positive, found -1", () -> new ReactionSpec(ReactionType.BOOST_LR, -1, 10));
        refused("metrics.everyEvents must be at least 0 (0 = not by count), found -1",
                () -> new MonitoringSpec(true, 1, -1, d, 50, ReactionsSpec.none()));
        ReactionsSpec onLoss = new ReactionsSpec(java.util.List.of(DriftSignal.LOSS), 10,
                java.util.List.of(ReactionSpec.of(ReactionType.RESET_TOWER)), Map.of());
        refused("reactions.signals must be watched by drift.signals (no alert could trigger the reaction), found loss",
                () -> new MonitoringSpec(true, 1, 0, d.withSignals(java.util.List.of(DriftSignal.ERROR)), 50, onLoss));
        refused("skip must be at least 0, found -1", () -> new DataFile(java.nio.file.Path.of("a.csv"), -1));
        refused("delimiter must be a single character other than a quote or a line break, found ';;'",
                () -> new DatasetSpec(DataFormat.CSV, new DataFile(java.nio.file.Path.of("a.csv"), 0), null, true,
                        java.util.List.of(), ";;", java.util.Set.of(), Map.of(), Map.of(), null));
    }

    @Test
    void shouldRefuseDataAndMonitoringThatDoNotFitTheTopologyBuiltInJava() {
        TopologySpec ok = SpecText.base().parse();
        refused("features must begin with numeric x0..x1, the features of the synthetic generator, found "
                + ok.features().size() + " features starting with '" + ok.features().get(0).name() + "'", () -> new TopologySpec("t", 1, ok.tasks(), ok.features(), ok.model(), ok.optimizer(),
                ok.weighting(), ok.sampler(), ok.batch(), null, SyntheticSpec.defaults(2)));
        DatasetSpec noLabels = new DatasetSpec(DataFormat.CSV, new DataFile(java.nio.file.Path.of("a.csv"), 0), null,
                true, java.util.List.of(), ",", java.util.Set.of(), Map.of(), Map.of(), null);
        refused("dataset.labels must give every task a label column, found no entry for task '"
                + ok.tasks().get(0).name() + "'", () -> new TopologySpec("t", 1, ok.tasks(), ok.features(),
                ok.model(), ok.optimizer(), ok.weighting(), ok.sampler(), ok.batch(), noLabels, null));
        ReactionsSpec reanchor = new ReactionsSpec(java.util.List.of(DriftSignal.ERROR), 10,
                java.util.List.of(ReactionSpec.of(ReactionType.REANCHOR_GRADNORM)), Map.of());
        refused("monitoring.reactions may use reanchor-gradnorm only with weighting.type gradnorm, found"
                + " weighting.type " + Names.yamlName(ok.weighting().type()), () -> ok.withMonitoring(
                new MonitoringSpec(true, 1, 0, DriftSpec.defaults(), 50, reanchor)));
    }

    @Test
    void shouldReportARefusedListItemAtItsIndex() {
        var e = assertThrows(SpecException.class, () -> SpecText.base().with("model", """
                model:
                  family: mmoe
                  experts: {count: 4, hidden: [32, 70000]}""").parse());
        assertEquals("model.experts.hidden[1]", e.keyPath());
        assertEquals("test.yaml: model.experts.hidden[1] must be a layer width between 1 and 65536, found 70000",
                e.getMessage());
    }

    @Test
    void shouldReportTheRecordsRefusalAtItsYamlKey() {
        var e = assertThrows(SpecException.class, () -> SpecText.base()
                .with("optimizer", "optimizer: {beta2: 1.5}").parse());
        assertEquals("optimizer.beta2", e.keyPath());
        assertEquals("test.yaml: optimizer.beta2 must be in [0, 1), found 1.5", e.getMessage());
    }
}

package dev.tributary.spec;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped topologies load with the values they declare, and their data files are present and intact. */
class SpecLoaderTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path ADULT = Path.of("topology/adult.yaml");
    private static final Path SYNTHETIC = Path.of("topology/synthetic.yaml");
    private static final Path ENB = Path.of("topology/enb.yaml");

    @Test
    void shouldLoadAdultTopologyWithTwoBinaryTasksAndEveryNonLabelColumnAsFeature() {
        TopologySpec spec = SpecLoader.load(ADULT);

        assertEquals("adult", spec.name());
        assertEquals(42, spec.seed());
        assertEquals(List.of(new TaskSpec("income", TaskKind.BINARY, List.of(), "income.events", false),
                new TaskSpec("marital", TaskKind.BINARY, List.of(), "marital.events", false)), spec.tasks());
        assertEquals(List.of("age", "workclass", "fnlwgt", "education", "education-num", "occupation",
                        "relationship", "race", "sex", "capital-gain", "capital-loss", "hours-per-week",
                        "native-country"),
                spec.features().stream().map(FeatureSpec::name).toList());
        assertEquals(6, spec.features().stream().filter(f -> f.type() == FeatureType.NUMERIC).count());
        assertEquals(FeatureSpec.categorical("native-country", 128, 8), spec.features().get(12));
        assertEquals(FeatureSpec.categorical("sex", 4, 4), spec.features().get(8));
    }

    @Test
    void shouldLoadAdultModelAndTrainingSettings() {
        TopologySpec spec = SpecLoader.load(ADULT);

        ModelSpec model = spec.model();
        assertEquals(ModelFamily.MMOE, model.family());
        assertEquals(List.of(), model.encoder());
        assertEquals(new ExpertSpec(4, List.of(32)), model.experts());
        assertEquals(ExpertSpec.none(), model.taskExperts());
        assertEquals(List.of(16), model.tower());
        assertEquals(OptimizerSpec.defaults(OptimizerType.ADAM), spec.optimizer());
        assertEquals(WeightingType.FIXED, spec.weighting().type());
        assertEquals(SamplerType.UNIFORM, spec.sampler().type());
        assertEquals(new BatchSpec(32, 100), spec.batch());
        assertNull(spec.synthetic());
    }

    @Test
    void shouldMapAdultColumnsToLabelsAndKeepRelationshipForBothTasks() {
        DatasetSpec dataset = SpecLoader.load(ADULT).dataset();

        assertEquals(DataFormat.CSV, dataset.format());
        assertEquals(new DataFile(ROOT.resolve("data/adult/adult.data.gz"), 0), dataset.train());
        assertEquals(new DataFile(ROOT.resolve("data/adult/adult.test.gz"), 1), dataset.test());
        assertEquals(false, dataset.header());
        assertEquals(15, dataset.columns().size());
        assertEquals("income", dataset.columns().get(14));
        assertEquals(Set.of("?"), dataset.missing());
        assertEquals(new LabelSpec("income", Set.of(">50K", ">50K.")), dataset.labels().get("income"));
        assertEquals(new LabelSpec("marital-status", Set.of("Never-married")), dataset.labels().get("marital"));
        assertEquals(Map.of(), dataset.exclude());
    }

    @Test
    void shouldLoadSyntheticTopologyWithSixteenGeneratedFeatures() {
        TopologySpec spec = SpecLoader.load(SYNTHETIC);

        assertEquals(List.of(TaskKind.BINARY, TaskKind.BINARY, TaskKind.REGRESSION),
                spec.tasks().stream().map(TaskSpec::kind).toList());
        assertEquals(List.of("t1", "t2", "t3"), spec.tasks().stream().map(TaskSpec::name).toList());
        assertEquals(16, spec.features().size());
        assertEquals(FeatureSpec.numeric("x0"), spec.features().get(0));
        assertEquals(FeatureSpec.numeric("x15"), spec.features().get(15));
        assertEquals(new SyntheticSpec(16, 0.5, 1.0, 10, 0.1, 100_000), spec.synthetic());
        assertEquals(List.of(32), spec.model().encoder());
        assertEquals(new ExpertSpec(4, List.of(16)), spec.model().experts());
        assertEquals(List.of(8), spec.model().tower());
        assertNull(spec.dataset());
    }

    @Test
    void shouldLoadEnbTopologyAsSharedBottomRegressionPair() {
        TopologySpec spec = SpecLoader.load(ENB);

        assertEquals(ModelFamily.SHARED_BOTTOM, spec.model().family());
        assertEquals(List.of(TaskKind.REGRESSION, TaskKind.REGRESSION),
                spec.tasks().stream().map(TaskSpec::kind).toList());
        assertEquals(ExpertSpec.none(), spec.model().experts());
        DatasetSpec dataset = spec.dataset();
        assertTrue(dataset.header());
        assertEquals(List.of(), dataset.columns());
        assertEquals(new LabelSpec("HeatingLoad", Set.of()), dataset.labels().get("heating"));
        assertEquals(ROOT.resolve("data/enb/ENB2012_data.csv"), dataset.train().path());
    }

    @Test
    void shouldNameOnlyColumnsOfTheEnbHeaderLine() throws IOException {
        TopologySpec spec = SpecLoader.load(ENB);
        String header;
        try (BufferedReader reader = Files.newBufferedReader(spec.dataset().train().path(), StandardCharsets.UTF_8)) {
            header = reader.readLine();
        }
        assertTrue(header.startsWith("\uFEFF"), "the README promises a byte order mark");
        List<String> columns = List.of(header.substring(1).split(","));

        for (FeatureSpec feature : spec.features()) {
            assertTrue(columns.contains(feature.name()), feature.name());
        }
        for (LabelSpec label : spec.dataset().labels().values()) {
            assertTrue(columns.contains(label.column()), label.column());
        }
    }

    @Test
    void shouldShipDataFilesByteForByteAsPublished() throws IOException {
        Map<String, String> sha256 = Map.of(
                "data/adult/adult.data.gz", "c7a2b4716a97f930123e0baf879188d701e798172631a654fc703d4b082907f3",
                "data/adult/adult.test.gz", "8699c0d49b654c338d8b908ddf421bddfe8ab652a84f22a90845edf7d9f7db2e",
                "data/enb/ENB2012_data.csv", "510fcd5e12a2a88e6a429de464315615b7fa93c5fd5b7d9642cbf24e0d5c8671");
        for (Map.Entry<String, String> file : sha256.entrySet()) {
            assertEquals(file.getValue(), sha256(ROOT.resolve(file.getKey())), file.getKey());
        }
    }

    @Test
    void shouldKeepFingerprintAcrossLoadsOfTheSameFile() {
        for (Path file : List.of(ADULT, SYNTHETIC, ENB)) {
            assertEquals(SpecLoader.load(file).fingerprint(), SpecLoader.load(file).fingerprint(), file.toString());
        }
    }

    @Test
    void shouldReportUnreadableFileWithItsName() {
        SpecException e = assertThrows(SpecException.class,
                () -> SpecLoader.load(Path.of("topology/no-such-file.yaml")));
        assertTrue(e.getMessage().startsWith("topology/no-such-file.yaml: cannot read the spec file"), e.getMessage());
    }

    private static String sha256(Path file) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}

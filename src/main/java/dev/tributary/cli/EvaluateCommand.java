package dev.tributary.cli;

import dev.tributary.learner.Learner;
import dev.tributary.learner.LearnerMemory;
import dev.tributary.learner.LearnerStats;
import dev.tributary.learner.DeltaMerger;
import dev.tributary.learner.HoldOut;
import dev.tributary.learner.ReplicaSimulation;
import dev.tributary.spec.ModelFamily;
import dev.tributary.spec.SpecLoader;
import dev.tributary.spec.TopologySpec;
import picocli.CommandLine.Command;
import dev.tributary.util.Progress;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code tributary evaluate}: streams a topology's training data once through the learner exactly as
 * the streaming application does (per-task events, sampler, micro-batches, predict then learn), then
 * scores the held-out data with the model frozen. Prints prequential and test metrics per task.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Stream a data set once through the learner (predict, then learn), then score the test set.")
final class EvaluateCommand implements Callable<Integer> {
    static final int DEFAULT_SYNC_EVERY = 4;

    @Option(names = "--topology", required = true, description = "The topology spec (YAML).")
    Path topology;

    @Option(names = "--train", description = "Training file (default: the spec's dataset.train).")
    Path train;

    @Option(names = "--test", description = "Test file (default: the spec's dataset.test).")
    Path test;

    @Option(names = "--test-skip", defaultValue = "-1", description = "Leading lines of --test to skip.")
    int testSkip;

    @Option(names = "--family", converter = FamilyConverter.class,
            description = "Override the model family (single-task, shared-bottom, soft-sharing, omoe, mmoe, cgc, ple).")
    ModelFamily family;

    @Option(names = "--seed", description = "Override the seed.")
    Long seed;

    @Option(names = "--correlation", description = "Synthetic data: override the task correlation p.")
    Double correlation;

    @Option(names = "--events", description = "Synthetic data: override the number of training rows.")
    Long events;

    @Option(names = "--replicas", defaultValue = "1", description = "Learn with N replicas merged by periodic"
            + " model averaging, as tributary.learners=partitioned does (default: ${DEFAULT-VALUE}, one learner).")
    int replicas;

    @Option(names = "--sync-every", defaultValue = "" + DEFAULT_SYNC_EVERY,
            description = "With --replicas: training steps of a replica between its deltas (default: ${DEFAULT-VALUE}).")
    int syncEvery;

    @Option(names = "--split", defaultValue = "key", description = "With --replicas: how events are split,"
            + " key (by event id) or round-robin (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--lag", defaultValue = "0", description = "With --replicas: training steps a replica takes"
            + " before a closed round's update reaches it, as the commits in between take in the streaming"
            + " application (default: ${DEFAULT-VALUE}).")
    int lag;

    @Option(names = "--merge", defaultValue = "sum", description = "With --replicas: how the aggregator combines"
            + " deltas, sum or mean (example-weighted) (default: ${DEFAULT-VALUE}).")
    String merge;

    @Mixin
    JsonOutput output;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        TopologySpec spec = Overrides.apply(SpecLoader.load(topology), family, seed, correlation, events);
        if (!quiet) {
            System.err.println("tributary: learner memory: " + LearnerMemory.of(spec).describe());
        }
        if (replicas < 1) {
            throw new IllegalArgumentException("--replicas must be at least 1, found " + replicas);
        }
        ReplicaSimulation simulation = replicas == 1 ? null
                : new ReplicaSimulation(spec, replicas, syncEvery, ReplicaSimulation.Split.parse(split),
                DeltaMerger.Merge.parse(merge), lag);
        Learner learner = simulation == null ? new Learner(spec) : simulation.learner(0);
        long start = System.nanoTime();
        long trained;
        try (Source source = Source.train(spec, train);
             Progress progress = new Progress("train", source.expected(), quiet)) {
            trained = simulation == null ? HoldOut.train(learner, source.events(), progress::step)
                    : HoldOut.train(simulation, source.events(), progress::step);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Map<String, Double>> testMetrics = Map.of();
        try (Source source = Source.test(spec, test, testSkip)) {
            if (source != null) {
                testMetrics = HoldOut.test(learner, source.events());
            }
        }
        Report report = new Report(spec, learner.stats(), testMetrics, trained, seconds, simulation == null ? null
                : Map.of("replicas", replicas, "syncEvery", syncEvery, "lag", lag, "split", split, "merge", merge,
                "rounds", simulation.rounds(),
                "mergedDeltas", simulation.mergedDeltas(), "steps", simulation.steps()));
        output.print(report.asMap(), report.table());
        return 0;
    }

    /** Everything printed at the end. */
    /**
     * @param replication with replicas, how they learned (their prequential metrics and counts are
     *                    replica 0's); null with one learner
     */
    record Report(TopologySpec spec, LearnerStats stats, Map<String, Map<String, Double>> test, long events,
                  double seconds, Map<String, Object> replication) {
        Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("topology", spec.name());
            m.put("family", spec.model().family().name().toLowerCase());
            m.put("seed", spec.seed());
            m.put("events", events);
            m.put("seconds", seconds);
            m.put("steps", replication == null ? stats.steps() : replication.get("steps"));
            if (replication != null) {
                m.put("replication", new TreeMap<>(replication));
            }
            m.put("skippedNonFinite", stats.skippedNonFinite());
            Map<String, Object> tasks = new LinkedHashMap<>();
            for (var t : stats.tasks()) {
                Map<String, Object> tm = new LinkedHashMap<>();
                tm.put("consumed", t.consumed());
                tm.put("labelled", t.labelled());
                tm.put("trained", t.trained());
                tm.put("replayed", t.replayed());
                tm.put("subsampled", t.subsampled());
                tm.put("prequential", Json.finite(t.metrics()));
                tm.put("test", Json.finite(test.getOrDefault(t.task(), Map.of())));
                tasks.put(t.task(), tm);
            }
            m.put("tasks", tasks);
            if (!stats.vocabularies().isEmpty()) {
                Map<String, Object> vocabularies = new LinkedHashMap<>();
                for (var v : stats.vocabularies()) {
                    vocabularies.put(v.feature(), v.counts());
                }
                m.put("vocabularies", vocabularies);
            }
            return m;
        }

        String table() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format("%s  family=%s  seed=%d  events=%d  steps=%d  %.1fs (%.0f events/s)%n",
                    spec.name(), spec.model().family().name().toLowerCase(), spec.seed(), events, stats.steps(),
                    seconds, events / Math.max(seconds, 1e-9)));
            sb.append(String.format("%-14s %-10s %9s %9s | %-28s | %-28s%n", "task", "kind", "labelled", "trained",
                    "prequential (whole stream)", "test (model frozen)"));
            for (var t : stats.tasks()) {
                Map<String, Double> test = this.test.getOrDefault(t.task(), Map.of());
                sb.append(String.format("%-14s %-10s %9d %9d | %-28s | %-28s%n", t.task(),
                        t.kind().name().toLowerCase(), t.labelled(), t.trained(), HoldOut.summary(t.metrics()),
                        HoldOut.summary(test)));
            }
            for (var v : stats.vocabularies()) {
                sb.append(String.format("vocabulary %s: %,d of %,d rows live; %,d admitted, %,d evicted, %,d expired;"
                        + " %.1f%% of %,d lookups fell back to the unknown row%n", v.feature(), v.live(), v.rows() - 1,
                        v.admitted(), v.evicted(), v.expired(), 100.0 * v.unknown() / Math.max(1, v.lookups()),
                        v.lookups()));
            }
            return sb.toString();
        }
    }
}

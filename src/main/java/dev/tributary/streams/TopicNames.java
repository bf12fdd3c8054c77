package dev.tributary.streams;

import dev.tributary.spec.TaskSpec;
import dev.tributary.spec.TopologySpec;

import java.util.ArrayList;
import java.util.List;

/** The topics a topology reads and writes; shared by the application, the CLI and the tests. */
public final class TopicNames {
    /** Bad input, with the reason and the original bytes. */
    public static final String DEAD_LETTER = "tributary.dlq";
    /** Per-task metrics snapshots and gate health. */
    public static final String METRICS = "tributary.metrics";
    /** Drift alerts. */
    public static final String DRIFT = "tributary.drift";
    /** Task-affinity matrices. */
    public static final String AFFINITY = "tributary.affinity";
    /** The learner's state store (its changelog is {@code <application.id>-learner-state-changelog}). */
    public static final String LEARNER_STORE = "learner-state";
    /** The aggregator's state store, in partitioned mode ({@code <application.id>-aggregator-state-changelog}). */
    public static final String AGGREGATOR_STORE = "aggregator-state";

    private TopicNames() {
    }

    /** Partitioned mode: the one-partition topic the replicas send their deltas (and wait records) to. */
    public static String deltas(String applicationId) {
        return applicationId + "-model-deltas";
    }

    /** Partitioned mode: the topic of the merged updates, one partition per replica, each holding every update. */
    public static String global(String applicationId) {
        return applicationId + "-model-global";
    }

    /** Every task's input topic. */
    public static List<String> inputs(TopologySpec spec) {
        return spec.tasks().stream().map(TaskSpec::topic).toList();
    }

    /** Every topic the application writes to. */
    public static List<String> outputs(TopologySpec spec) {
        List<String> out = new ArrayList<>();
        spec.tasks().forEach(t -> out.add(t.predictionTopic()));
        out.add(DEAD_LETTER);
        out.add(METRICS);
        out.add(DRIFT);
        out.add(AFFINITY);
        return out;
    }
}

package dev.tributary.records;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One monitoring record as the application publishes it (DESIGN.md §2), parsed by
 * {@link MonitorRecords#parse}. Undefined numbers (JSON null) are NaN.
 */
public sealed interface MonitorRecord {

    /** The record's {@code type} field. */
    String type();

    /**
     * A per-task metrics snapshot ({@code type: task_metrics}, see {@link MetricsCodec}).
     *
     * @param kind    {@code binary}, {@code multiclass} or {@code regression}
     * @param ts      wall-clock time of publication, epoch ms
     * @param metrics prequential metrics by name ({@code auc_window}, {@code rmse}, ...)
     * @param gate    gate health, or null for a model without gates
     * @param sync    partitioned learners: how the record's replica syncs; null for the single learner
     */
    record Metrics(String task, String kind, long ts, long modelVersion, long consumed, long labelled, long trained,
                   long replayed, double samplerShare, double lossWeight, double lastLoss,
                   Map<String, Double> metrics, Gate gate, Sync sync) implements MonitorRecord {
        public Metrics {
            Objects.requireNonNull(task, "task");
            metrics = Map.copyOf(metrics);
        }

        /** A single learner's record. */
        public Metrics(String task, String kind, long ts, long modelVersion, long consumed, long labelled,
                       long trained, long replayed, double samplerShare, double lossWeight, double lastLoss,
                       Map<String, Double> metrics, Gate gate) {
            this(task, kind, ts, modelVersion, consumed, labelled, trained, replayed, samplerShare, lossWeight,
                    lastLoss, metrics, gate, null);
        }

        @Override
        public String type() {
            return MetricsCodec.TYPE;
        }

        /** The metric's value, NaN when it is absent or undefined. */
        public double metric(String name) {
            Double v = metrics.get(name);
            return v == null ? Double.NaN : v;
        }
    }

    /**
     * A replica's sync, from the {@code replica} block of its metrics records ({@link MetricsCodec}).
     *
     * @param replica      the replica: its input partition
     * @param msSinceMerge -1 before the first merge
     * @param syncLagMs    from sending its last merged delta to merging it; -1 before the first
     */
    record Sync(int replica, long globalVersion, long stepsAhead, long msSinceMerge, boolean waiting, long deltasSent,
                long syncLagMs, long maxSyncLagMs, long holds, long holdsExpired) {
    }

    /**
     * The aggregator's rounds of partitioned learners ({@code type: model_rounds}, see {@link RoundsCodec}).
     *
     * @param ts wall-clock time of publication, epoch ms
     */
    record Rounds(long ts, long globalVersion, int replicas, long rounds, long closedAll, long closedWait,
                  long closedTimeout, long lastRoundDeltas, long lastRoundBytes, long lastRoundMs, long maxRoundMs)
            implements MonitorRecord {
        @Override
        public String type() {
            return RoundsCodec.TYPE;
        }
    }

    /**
     * A task's gate health: its mean weight on each expert, and the gate's mean entropy.
     *
     * @param collapsed some task's gate put more than 95% of its weight on one expert
     * @param alike     all tasks' gates have become the same distribution
     */
    record Gate(double[] shares, double entropy, boolean collapsed, boolean alike) {
        public Gate {
            shares = shares.clone();
        }

        @Override
        public double[] shares() {
            return shares.clone();
        }
    }

    /**
     * A drift alert ({@code type: drift}, see {@link DriftCodec}).
     *
     * @param position the task's labelled events seen when the detector fired
     * @param ts       the event time of the event that triggered it (not the wall clock)
     */
    /** @param reaction what the learner did about it ({@code none}, {@code boost-lr}, …); null in older records */
    record Drift(String task, String signal, String detector, long position, long ts, double statistic,
                 double meanBefore, double meanAfter, long modelVersion, String reaction) implements MonitorRecord {
        public Drift {
            Objects.requireNonNull(task, "task");
        }

        @Override
        public String type() {
            return DriftCodec.TYPE;
        }
    }

    /**
     * A task-affinity matrix ({@code type: task_affinity}): {@code matrix[i][j]} is the lookahead
     * affinity Z<sub>i→j</sub> of Fifty et al., "Efficiently Identifying Task Groupings for Multi-Task
     * Learning" (NeurIPS 2021), averaged over {@code samples} measurements: how much a step on task
     * i's loss lowered task j's loss (positive helps, negative hurts).
     */
    record Affinity(long ts, long modelVersion, List<String> tasks, double[][] matrix, long samples)
            implements MonitorRecord {
        public Affinity {
            tasks = List.copyOf(tasks);
            double[][] copy = new double[matrix.length][];
            for (int i = 0; i < matrix.length; i++) {
                copy[i] = matrix[i].clone();
            }
            matrix = copy;
        }

        @Override
        public String type() {
            return AffinityCodec.TYPE;
        }

        @Override
        public double[][] matrix() {
            double[][] copy = new double[matrix.length][];
            for (int i = 0; i < matrix.length; i++) {
                copy[i] = matrix[i].clone();
            }
            return copy;
        }

        /** Z<sub>from→to</sub>. */
        public double value(int from, int to) {
            return matrix[from][to];
        }
    }

    /** A well-formed record of a type this version does not know; counted and otherwise ignored. */
    record Other(String type) implements MonitorRecord {
    }
}

package dev.tributary.spec;

import java.util.Objects;

/**
 * Monitoring: how often metrics records are published, the drift detectors, task affinity, and what
 * the learner does when a drift is detected. None of it changes the layout of the learner's state, so
 * it is not part of {@link TopologySpec#fingerprint()}.
 *
 * @param enabled              false turns off drift detection (and with it the reactions), gate health
 *                             and task affinity; metrics records are still published
 * @param metricsEverySeconds  wall-clock seconds between metrics records, 0 = not by time
 * @param metricsEveryEvents   events consumed between metrics records, 0 = not by count
 * @param drift                the drift detectors
 * @param affinityEveryBatches training batches between task-affinity lookaheads (Fifty et al. 2021),
 *                             0 = off
 * @param reactions            what a drift alert triggers
 */
public record MonitoringSpec(boolean enabled, double metricsEverySeconds, long metricsEveryEvents, DriftSpec drift,
                             int affinityEveryBatches, ReactionsSpec reactions) {
    /** Default metrics interval in seconds. */
    public static final double DEFAULT_METRICS_SECONDS = 1.0;
    /** Default batches between affinity lookaheads. */
    public static final int DEFAULT_AFFINITY_BATCHES = 50;

    public MonitoringSpec {
        Objects.requireNonNull(drift, "drift");
        Objects.requireNonNull(reactions, "reactions");
        Require.that("metrics.everySeconds", metricsEverySeconds, metricsEverySeconds >= 0,
                "must be at least 0 (0 = not by time)");
        Require.atLeast("metrics.everyEvents", metricsEveryEvents, 0, "must be at least 0 (0 = not by count)");
        Require.atLeast("affinity.everyBatches", affinityEveryBatches, 0, "must be at least 0 (0 = off)");
        if (reactions.any()) {
            for (DriftSignal s : reactions.signals()) {
                if (!drift.watches(s)) {
                    throw new InvalidFieldException("reactions.signals", "must be watched by drift.signals (no alert"
                            + " could trigger the reaction)", Names.yamlName(s));
                }
            }
        }
    }

    /** Enabled; metrics every second; default detectors on every signal; affinity every 50 batches; no reactions. */
    public static MonitoringSpec defaults() {
        return new MonitoringSpec(true, DEFAULT_METRICS_SECONDS, 0, DriftSpec.defaults(), DEFAULT_AFFINITY_BATCHES,
                ReactionsSpec.none());
    }

    /** The same settings with monitoring switched off (or on). */
    public MonitoringSpec withEnabled(boolean on) {
        return new MonitoringSpec(on, metricsEverySeconds, metricsEveryEvents, drift, affinityEveryBatches, reactions);
    }
}

package dev.tributary.learner;

import dev.tributary.features.RunningStats;

/**
 * One round of the aggregator: the merged change every replica adds to its parameters, the new global
 * model version, and which delta of each replica the round merged.
 *
 * @param version  the global model version this update makes (1, 2, ...)
 * @param change   the merged change
 * @param included per replica, the sequence number of its delta merged in this round, or -1
 * @param examples per task, the examples the merged deltas trained on
 * @param stats    the merged deltas' running statistics, combined (the same under either merge rule)
 */
public record GlobalUpdate(long version, ParamChange change, long[] included, long[] examples,
                           RunningStats[] stats) {
    /** Deltas merged in this round. */
    public int deltas() {
        int n = 0;
        for (long s : included) {
            if (s >= 0) {
                n++;
            }
        }
        return n;
    }
}

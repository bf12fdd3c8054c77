package dev.tributary.learner;

import dev.tributary.features.RunningStats;

/**
 * What a learner replica sends at a sync: its parameter change since its last delta, and how much it
 * learned to make it.
 *
 * @param replica     the replica's index
 * @param sequence    the replica's count of deltas sent before this one (0, 1, 2, ...)
 * @param baseVersion the global model version the replica had merged last when it sent this
 * @param steps       training steps the change took
 * @param examples    per task, the examples trained on in those steps (fresh and replayed)
 * @param change      the parameter change: dense layers and the embedding rows the steps touched
 * @param stats       the running statistics of the events the replica folded into its numeric
 *                    normalisers and target scalers since its last merged delta, in the order of
 *                    {@link Replica#statistics()}
 */
public record ModelDelta(int replica, long sequence, long baseVersion, long steps, long[] examples,
                         ParamChange change, RunningStats[] stats) {
    /** Examples over all tasks. */
    public long totalExamples() {
        long n = 0;
        for (long e : examples) {
            n += e;
        }
        return n;
    }
}

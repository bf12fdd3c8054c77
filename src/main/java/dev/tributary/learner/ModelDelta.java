package dev.tributary.learner;

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
 */
public record ModelDelta(int replica, long sequence, long baseVersion, long steps, long[] examples,
                         ParamChange change) {
    /** Examples over all tasks. */
    public long totalExamples() {
        long n = 0;
        for (long e : examples) {
            n += e;
        }
        return n;
    }
}

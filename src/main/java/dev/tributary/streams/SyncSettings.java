package dev.tributary.streams;

import dev.tributary.learner.DeltaMerger;

/**
 * How partitioned learner replicas sync (docs/replicas.md).
 *
 * @param syncEvery      training steps of a replica between the deltas it sends
 * @param maxAhead       training steps a replica takes past its waiting delta before it holds its
 *                       events (unscored) until the delta's update arrives: the bound on its staleness
 * @param merge          how the aggregator combines a round's deltas
 * @param roundTimeoutMs the longest (wall-clock) the aggregator keeps a round open for the replicas
 *                       that have not sent
 */
public record SyncSettings(int syncEvery, int maxAhead, DeltaMerger.Merge merge, long roundTimeoutMs) {
    public static final SyncSettings DEFAULTS = new SyncSettings(4, 8, DeltaMerger.Merge.SUM, 50);
    /** A replica holds at most this many micro-batches of events while it waits. */
    static final int MAX_HELD_BATCHES = 64;
    /** A replica holds its events at most this long (wall-clock ms) waiting for an update. */
    static final long HOLD_TIMEOUT_MS = 5000;

    public SyncSettings {
        if (syncEvery < 1) {
            throw new IllegalArgumentException("sync every must be at least 1 step, found " + syncEvery);
        }
        if (maxAhead < syncEvery) {
            throw new IllegalArgumentException("max steps ahead (" + maxAhead + ") must be at least sync every ("
                    + syncEvery + ")");
        }
        if (roundTimeoutMs < 1) {
            throw new IllegalArgumentException("the round timeout must be at least 1 ms, found " + roundTimeoutMs);
        }
    }
}

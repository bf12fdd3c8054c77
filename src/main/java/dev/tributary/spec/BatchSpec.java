package dev.tributary.spec;

/**
 * Micro-batching: a batch closes at {@code size} events or {@code maxWaitMs} milliseconds, whichever
 * comes first. A latency/throughput knob, not a correctness one.
 */
public record BatchSpec(int size, long maxWaitMs) {
    /** The largest micro-batch. */
    public static final int MAX_SIZE = 1 << 16;

    public BatchSpec {
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidFieldException("size", "must be between 1 and " + MAX_SIZE, size);
        }
        Require.atLeast("maxWaitMs", maxWaitMs, 0, "must be at least 0");
    }

    /** Batches of 32 events or 100 ms. */
    public static BatchSpec defaults() {
        return new BatchSpec(32, 100);
    }
}

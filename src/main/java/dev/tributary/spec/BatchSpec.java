package dev.tributary.spec;

/**
 * Micro-batching: a batch closes at {@code size} events or {@code maxWaitMs} milliseconds, whichever
 * comes first. A latency/throughput knob, not a correctness one.
 */
public record BatchSpec(int size, long maxWaitMs) {
    /** Batches of 32 events or 100 ms. */
    public static BatchSpec defaults() {
        return new BatchSpec(32, 100);
    }
}

package dev.tributary.spec;

/**
 * Micro-batching: a batch closes at {@code size} events or {@code maxWaitMs} milliseconds, whichever
 * comes first. A latency/throughput knob, not a correctness one.
 */
public record BatchSpec(int size, long maxWaitMs) {
}

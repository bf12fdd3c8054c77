/**
 * Benchmarks of the whole application that a user can rerun: the soak ({@link dev.tributary.bench.Soak},
 * {@code tributary bench soak}), which runs {@code tributary run} in its own JVM for a long stream and
 * watches its memory, state and lag.
 */
package dev.tributary.bench;

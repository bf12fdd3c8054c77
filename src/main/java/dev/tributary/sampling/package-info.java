/**
 * The task sampler (DESIGN.md §1): per-task bounded buffers of labelled examples not yet trained on,
 * per-task replay reservoirs, and the weighted choice of which task's examples fill the next training
 * micro-batch, with every subsample and replay decision counted for publishing.
 *
 * <p>{@link dev.tributary.sampling.TaskSampler} is the entry point; it is generic over the example
 * type, which it never inspects, and snapshots through an {@link dev.tributary.sampling.ExampleCodec}.
 * Imports only {@code dev.tributary.util} and {@code dev.tributary.spec}; never Kafka.
 */
package dev.tributary.sampling;

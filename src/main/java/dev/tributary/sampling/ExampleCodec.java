package dev.tributary.sampling;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Writes and reads one training example, so that a {@link TaskSampler}'s buffers and reservoirs can
 * be part of a learner snapshot. Supplied by whoever owns the example type (the learner);
 * {@code read} must return an example equal in every way that matters for training to the one
 * {@code write} was given.
 *
 * @param <E> the example type
 */
public interface ExampleCodec<E> {
    void write(DataOutput out, E example) throws IOException;

    E read(DataInput in) throws IOException;
}

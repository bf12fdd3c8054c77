package dev.tributary.learner;

import dev.tributary.util.ByteArrayDataOutput;

/**
 * Writes a learner's snapshot into a larger buffer without an intermediate copy: for a host that
 * stores the snapshot inside a record of its own (the streaming processor's checkpoint). Library
 * users call {@link Learner#snapshot()}.
 */
public final class SnapshotWriter {
    private SnapshotWriter() {
    }

    /** Appends exactly the bytes of {@link Learner#snapshot()} to {@code out}. */
    public static void append(Learner learner, ByteArrayDataOutput out) {
        SnapshotCodec.write(learner, out);
    }
}

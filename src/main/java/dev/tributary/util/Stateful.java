package dev.tributary.util;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A component whose mutable state can be written to and read back from a binary stream, as part of
 * a learner snapshot. Configuration is not state: {@link #readState} is called on an instance built
 * from the same configuration and must leave it exactly as the writer was.
 */
public interface Stateful {
    void writeState(DataOutput out) throws IOException;

    void readState(DataInput in) throws IOException;
}

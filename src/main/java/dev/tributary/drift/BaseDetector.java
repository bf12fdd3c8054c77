package dev.tributary.drift;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Optional;

/**
 * What every scalar detector here keeps besides its test: its name, the observations seen
 * ({@link #position()}), whether the latest one was a drift and the statistics of the last drift.
 * The subclass's {@code update} counts {@code position} and sets {@code detected} and {@code lastDrift};
 * its state is written between those fields ({@link #writeTest}, {@link #readTest}).
 */
abstract class BaseDetector implements DriftDetector {
    private static final int STATE_VERSION = 1;
    private final String name;
    /** Observations since creation (a reset keeps counting). */
    long position;
    /** Whether the latest observation was a drift. */
    boolean detected;
    /** The last drift's statistics, or null. */
    DriftStats lastDrift;

    BaseDetector(String name) {
        this.name = name;
    }

    @Override
    public final boolean driftDetected() {
        return detected;
    }

    @Override
    public final Optional<DriftStats> lastDrift() {
        return Optional.ofNullable(lastDrift);
    }

    @Override
    public final long position() {
        return position;
    }

    @Override
    public final String name() {
        return name;
    }

    /** Writes the test's own state (after the position, before the last drift). */
    abstract void writeTest(DataOutput out) throws IOException;

    /** Reads what {@link #writeTest} wrote, checking it. */
    abstract void readTest(DataInput in) throws IOException;

    @Override
    public final void writeState(DataOutput out) throws IOException {
        out.writeInt(STATE_VERSION);
        out.writeLong(position);
        writeTest(out);
        out.writeBoolean(detected);
        Checks.writeStats(out, lastDrift);
    }

    @Override
    public final void readState(DataInput in) throws IOException {
        Checks.version(in, STATE_VERSION, name);
        position = in.readLong();
        readTest(in);
        detected = in.readBoolean();
        lastDrift = Checks.readStats(in, name);
    }
}

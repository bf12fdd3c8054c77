package dev.tributary.drift;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Parameter checks and snapshot helpers shared by the detectors. */
final class Checks {
    private Checks() {
    }

    static double finiteObservation(double x) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("x must be finite, found " + x);
        }
        return x;
    }

    /** Fails unless {@code low < value < high}. */
    static double openInterval(String name, double value, double low, double high) {
        if (!(value > low && value < high)) {
            throw new IllegalArgumentException(
                    name + " must be in (" + low + ", " + high + "), found " + value);
        }
        return value;
    }

    static int positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, found " + value);
        }
        return value;
    }

    static void version(DataInput in, int expected, String detector) throws IOException {
        int found = in.readInt();
        if (found != expected) {
            throw new IOException(detector + " state format " + found + " is not supported (expected " + expected + ")");
        }
    }

    static void writeStats(DataOutput out, DriftStats stats) throws IOException {
        out.writeBoolean(stats != null);
        if (stats != null) {
            out.writeLong(stats.position());
            out.writeDouble(stats.statistic());
            out.writeDouble(stats.meanBefore());
            out.writeLong(stats.countBefore());
            out.writeDouble(stats.meanAfter());
            out.writeLong(stats.countAfter());
        }
    }

    static DriftStats readStats(DataInput in, String detector) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        long position = in.readLong();
        double statistic = in.readDouble();
        double meanBefore = in.readDouble();
        long countBefore = in.readLong();
        double meanAfter = in.readDouble();
        long countAfter = in.readLong();
        return new DriftStats(detector, position, statistic, meanBefore, countBefore, meanAfter, countAfter);
    }
}

package dev.tributary.features;

import dev.tributary.util.Stateful;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Running mean and variance by Welford's algorithm (Technometrics 4(3), 1962), numerically stable
 * for long streams. Used to standardise numeric inputs and regression targets online.
 */
public final class RunningStats implements Stateful {
    long count;
    double mean;
    double m2;

    public void add(double x) {
        count++;
        double d = x - mean;
        mean += d / count;
        m2 += d * (x - mean);
    }

    public long count() {
        return count;
    }

    public double mean() {
        return mean;
    }

    /** Population standard deviation; 1 until two values have been seen, and never below 1e-6. */
    public double std() {
        if (count < 2) {
            return 1.0;
        }
        return Math.max(Math.sqrt(m2 / count), 1e-6);
    }

    /** {@code (x − mean) / std}. */
    public double standardise(double x) {
        return (x - mean) / std();
    }

    /** The inverse of {@link #standardise}. */
    public double unstandardise(double z) {
        return z * std() + mean;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeLong(count);
        out.writeDouble(mean);
        out.writeDouble(m2);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        count = in.readLong();
        mean = in.readDouble();
        m2 = in.readDouble();
    }
}

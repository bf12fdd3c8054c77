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

    /** A copy of these statistics. */
    public RunningStats copy() {
        RunningStats c = new RunningStats();
        c.set(this);
        return c;
    }

    /** Becomes a copy of {@code other}. */
    public void set(RunningStats other) {
        count = other.count;
        mean = other.mean;
        m2 = other.m2;
    }

    /**
     * Folds in the statistics of other values, as if they had been {@link #add}ed here (Chan, Golub and
     * LeVeque, "Updating Formulae and a Pairwise Algorithm for Computing Sample Variances", 1979).
     */
    public void combine(RunningStats other) {
        if (other.count == 0) {
            return;
        }
        long n = count + other.count;
        double d = other.mean - mean;
        m2 += other.m2 + d * d * ((double) count * other.count / n);
        mean += d * other.count / n;
        count = n;
    }

    /**
     * Takes out the statistics of values that were folded in here (the inverse of {@link #combine}):
     * what is left are the statistics of the other values.
     */
    public void remove(RunningStats part) {
        if (part.count == 0) {
            return;
        }
        if (part.count > count) {
            throw new IllegalArgumentException("cannot remove " + part.count + " values from " + count);
        }
        long n = count - part.count;
        if (n == 0) {
            count = 0;
            mean = 0;
            m2 = 0;
            return;
        }
        double restMean = (count * mean - part.count * part.mean) / n;
        double d = part.mean - restMean;
        m2 = Math.max(0, m2 - part.m2 - d * d * ((double) n * part.count / count));
        mean = restMean;
        count = n;
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

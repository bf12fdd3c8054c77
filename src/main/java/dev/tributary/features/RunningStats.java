package dev.tributary.features;

/**
 * Running mean and variance by Welford's algorithm (Technometrics 4(3), 1962), numerically stable
 * for long streams. Used to standardise numeric inputs and regression targets online.
 */
public final class RunningStats {
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
}

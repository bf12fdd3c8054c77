package dev.tributary.drift;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The Page-Hinkley test for an <b>increase</b> in the mean of a signal (Page, "Continuous inspection
 * schemes", Biometrika 41, 1954), in the fading form of MOA's {@code PageHinkleyDM} and river's
 * {@code PageHinkley}, with their defaults: {@code minInstances} = {@value #DEFAULT_MIN_INSTANCES},
 * {@code delta} = {@value #DEFAULT_DELTA}, {@code threshold} (lambda) = {@value #DEFAULT_THRESHOLD},
 * {@code alpha} = 1 - 0.0001.
 *
 * <p>With x̄<sub>t</sub> the running mean of the observations since the last restart, each update
 * computes the one-sided cumulative sum
 * g<sub>t</sub> = max(0, alpha g<sub>t-1</sub> + x<sub>t</sub> - x̄<sub>t</sub> - delta)
 * and raises a drift when g<sub>t</sub> &gt; threshold, once at least {@code minInstances} observations
 * have been seen since the restart. With alpha = 1 this is exactly Page's statistic
 * m<sub>t</sub> - min<sub>s≤t</sub> m<sub>s</sub> over the partial sums m of (x - x̄ - delta); alpha &lt; 1
 * fades old deviations. It only watches for the mean going <em>up</em> (a rising error or loss); a
 * falling signal never alarms. The clamp at 0 is that of scikit-multiflow and earlier river versions;
 * MOA's {@code PageHinkleyDM} leaves the sum unclamped (and so is slower to alarm after a long quiet
 * stretch), and river 0.21 tracks the minimum of the unclamped faded sum instead.
 *
 * <p>After a detection the next update restarts the statistics (mean, sum, counts), as MOA and river
 * do. {@link DriftStats#statistic()} is g at detection; the change point is estimated as the last
 * time g was 0, so "before" holds the observations since the restart up to then and "after" those
 * since.
 */
public final class PageHinkley extends BaseDetector {
    public static final int DEFAULT_MIN_INSTANCES = 30;
    public static final double DEFAULT_DELTA = 0.005;
    public static final double DEFAULT_THRESHOLD = 50.0;
    public static final double DEFAULT_ALPHA = 1 - 0.0001;

    private static final String NAME = "page-hinkley";

    private final int minInstances;
    private final double delta;
    private final double threshold;
    private final double alpha;

    private long count;
    private double mean;
    private double cusum;
    private double sum;
    /** Observations, and their sum, since the cumulative sum was last 0. */
    private long runCount;
    private double runSum;

    /** Page-Hinkley with MOA's and river's defaults. */
    public PageHinkley() {
        this(DEFAULT_MIN_INSTANCES, DEFAULT_DELTA, DEFAULT_THRESHOLD, DEFAULT_ALPHA);
    }

    /**
     * @param minInstances observations since a restart before a drift may be raised; positive
     * @param delta        tolerated increase of the mean (the magnitude not worth an alarm); finite, &gt;= 0
     * @param threshold    alarm level lambda for the cumulative sum; finite, &gt; 0
     * @param alpha        fading factor of the cumulative sum; in (0, 1]
     */
    public PageHinkley(int minInstances, double delta, double threshold, double alpha) {
        super(NAME);
        this.minInstances = Checks.positive("minInstances", minInstances);
        if (!(delta >= 0.0 && Double.isFinite(delta))) {
            throw new IllegalArgumentException("delta must be finite and non-negative, found " + delta);
        }
        if (!(threshold > 0.0 && Double.isFinite(threshold))) {
            throw new IllegalArgumentException("threshold must be finite and positive, found " + threshold);
        }
        if (!(alpha > 0.0 && alpha <= 1.0)) {
            throw new IllegalArgumentException("alpha must be in (0, 1], found " + alpha);
        }
        this.delta = delta;
        this.threshold = threshold;
        this.alpha = alpha;
    }

    public int minInstances() {
        return minInstances;
    }

    public double delta() {
        return delta;
    }

    public double threshold() {
        return threshold;
    }

    public double alpha() {
        return alpha;
    }

    /** The current cumulative sum g (0 after a restart). */
    public double statistic() {
        return cusum;
    }

    @Override
    public void update(double x) {
        Checks.finiteObservation(x);
        position++;
        if (detected) {
            restart();
        }
        count++;
        mean += (x - mean) / count;
        cusum = Math.max(0.0, alpha * cusum + (x - mean - delta));
        sum += x;
        if (cusum == 0.0) {
            runCount = 0;
            runSum = 0.0;
        } else {
            runCount++;
            runSum += x;
        }
        if (count >= minInstances && cusum > threshold) {
            detected = true;
            long before = count - runCount;
            lastDrift = new DriftStats(NAME, position, cusum, (sum - runSum) / before, before,
                    runSum / runCount, runCount);
        }
    }

    @Override
    public void reset() {
        restart();
        lastDrift = null;
    }

    private void restart() {
        count = 0;
        mean = 0.0;
        cusum = 0.0;
        sum = 0.0;
        runCount = 0;
        runSum = 0.0;
        detected = false;
    }

    @Override
    public PageHinkley copy() {
        return new PageHinkley(minInstances, delta, threshold, alpha);
    }

    @Override
    void writeTest(DataOutput out) throws IOException {
        out.writeLong(count);
        out.writeDouble(mean);
        out.writeDouble(cusum);
        out.writeDouble(sum);
        out.writeLong(runCount);
        out.writeDouble(runSum);
    }

    @Override
    void readTest(DataInput in) throws IOException {
        count = in.readLong();
        mean = in.readDouble();
        cusum = in.readDouble();
        sum = in.readDouble();
        runCount = in.readLong();
        runSum = in.readDouble();
    }

    @Override
    public String toString() {
        return "PageHinkley[minInstances=" + minInstances + ", delta=" + delta + ", threshold=" + threshold
                + ", alpha=" + alpha + "]";
    }
}

package dev.tributary.drift;

import dev.tributary.util.Rng;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * KSWIN, the Kolmogorov-Smirnov windowing detector (Raab, Heusinger &amp; Schleif, "Reactive Soft
 * Prototype Computing for Concept Drift Streams", Neurocomputing 416, 2020), as river implements it.
 *
 * <p>It keeps the last {@code windowSize} observations. Once the window is full, every update draws
 * {@code statSize} of its oldest {@code windowSize - statSize} observations uniformly without
 * replacement (from a seeded {@link Rng}) and compares them with the {@code statSize} most recent ones
 * by a two-sample Kolmogorov-Smirnov test; it raises a drift when the p-value is at most
 * {@code alpha} and the statistic D exceeds {@value #MIN_STATISTIC} (river's extra guard). The p-value
 * is the <b>exact</b> one for continuous data (lattice-path method, as scipy's {@code ks_2samp} uses for
 * these sizes), conservative when the data have ties, such as 0/1 errors. Because the test is a
 * threshold on D, the detector computes the critical D once at construction and the p-value only at
 * a detection.
 *
 * <p>KSWIN watches the whole distribution, in either direction. It tests at every update, so on a
 * stationary stream it raises false alarms at a rate of up to about {@code alpha} per update. After
 * a detection the window keeps only the {@code statSize} most recent observations and fills again.
 * {@link DriftStats#statistic()} is D; "before" is the older part of the window, "after" the
 * {@code statSize} most recent observations.
 */
public final class Kswin extends BaseDetector {
    public static final double DEFAULT_ALPHA = 0.005;
    public static final int DEFAULT_WINDOW_SIZE = 100;
    public static final int DEFAULT_STAT_SIZE = 30;
    /** A detection also needs D above this, as in river. */
    public static final double MIN_STATISTIC = 0.1;

    private static final String NAME = "kswin";

    private final double alpha;
    private final int windowSize;
    private final int statSize;
    private final long seed;
    /** Smallest n m D whose p-value is at most alpha: derived from the configuration, not state. */
    private final long criticalScaled;

    private final double[] window;
    private int start;
    private int count;
    private final Rng rng;

    private final int[] indices;
    private final double[] older;
    private final double[] recent;

    /** KSWIN with river's defaults and seed 0. */
    public Kswin() {
        this(DEFAULT_ALPHA, DEFAULT_WINDOW_SIZE, DEFAULT_STAT_SIZE, 0L);
    }

    /** KSWIN with river's defaults and the given seed. */
    public Kswin(long seed) {
        this(DEFAULT_ALPHA, DEFAULT_WINDOW_SIZE, DEFAULT_STAT_SIZE, seed);
    }

    /**
     * @param alpha      significance level of each test; in (0, 1)
     * @param windowSize observations kept; at least 2 statSize
     * @param statSize   size of each of the two samples compared; positive, and large enough that a
     *                   p-value of at most alpha is possible
     * @param seed       seed of the generator that draws the older sample
     */
    public Kswin(double alpha, int windowSize, int statSize, long seed) {
        super(NAME);
        this.alpha = Checks.openInterval("alpha", alpha, 0.0, 1.0);
        this.statSize = Checks.positive("statSize", statSize);
        this.windowSize = Checks.positive("windowSize", windowSize);
        if (windowSize < 2 * statSize) {
            throw new IllegalArgumentException("windowSize must be at least 2 * statSize = " + 2 * statSize
                    + ", found " + windowSize);
        }
        this.seed = seed;
        this.criticalScaled = criticalScaled(statSize, alpha);
        this.window = new double[windowSize];
        this.rng = new Rng(seed);
        this.indices = new int[windowSize - statSize];
        this.older = new double[statSize];
        this.recent = new double[statSize];
    }

    /**
     * Smallest n n D with P(D &ge; that) &le; alpha. With two samples of n, n n D is always n times a
     * whole number c, and the tail falls as c grows, so this bisects on c.
     */
    private static long criticalScaled(int n, double alpha) {
        double smallest = KolmogorovSmirnov.pValue(n, n, (long) n * n);
        if (smallest > alpha) {
            throw new IllegalArgumentException("statSize " + n + " is too small for alpha " + alpha
                    + ": the smallest possible p-value is " + smallest);
        }
        int lo = 1;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (KolmogorovSmirnov.pValue(n, n, (long) mid * n) <= alpha) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return (long) lo * n;
    }

    public double alpha() {
        return alpha;
    }

    public int windowSize() {
        return windowSize;
    }

    public int statSize() {
        return statSize;
    }

    public long seed() {
        return seed;
    }

    /** The smallest statistic D significant at level alpha (a multiple of 1/statSize; before the D &gt; 0.1 guard). */
    public double criticalStatistic() {
        return criticalScaled / ((double) statSize * statSize);
    }

    @Override
    public void update(double x) {
        Checks.finiteObservation(x);
        position++;
        detected = false;
        if (count == windowSize) {
            start = (start + 1) % windowSize;
            count--;
        }
        window[(start + count) % windowSize] = x;
        count++;
        if (count == windowSize) {
            test();
        }
    }

    private void test() {
        int olderSize = windowSize - statSize;
        for (int i = 0; i < olderSize; i++) {
            indices[i] = i;
        }
        for (int i = 0; i < statSize; i++) {
            int pick = i + rng.nextInt(olderSize - i);
            int chosen = indices[pick];
            indices[pick] = indices[i];
            indices[i] = chosen;
            older[i] = at(chosen);
            recent[i] = at(olderSize + i);
        }
        Arrays.sort(older);
        Arrays.sort(recent);
        long scaled = KolmogorovSmirnov.scaledStatistic(older, statSize, recent, statSize);
        double statistic = scaled / ((double) statSize * statSize);
        if (scaled >= criticalScaled && statistic > MIN_STATISTIC) {
            detected = true;
            lastDrift = new DriftStats(NAME, position, statistic, meanOf(0, olderSize), olderSize,
                    meanOf(olderSize, windowSize), statSize);
            start = (start + olderSize) % windowSize;
            count = statSize;
        }
    }

    /** The p-value of a statistic D between two samples of {@code statSize}, exact for continuous data. */
    public double pValue(double statistic) {
        long scaled = Math.round(statistic * statSize * statSize);
        return KolmogorovSmirnov.pValue(statSize, statSize, scaled);
    }

    private double at(int offset) {
        return window[(start + offset) % windowSize];
    }

    private double meanOf(int from, int to) {
        double s = 0.0;
        for (int i = from; i < to; i++) {
            s += at(i);
        }
        return s / (to - from);
    }

    /** Empties the window and rewinds the generator to its seed, as at construction. */
    @Override
    public void reset() {
        start = 0;
        count = 0;
        rng.setState(new Rng(seed).state());
        detected = false;
        lastDrift = null;
    }

    @Override
    public Kswin copy() {
        return new Kswin(alpha, windowSize, statSize, seed);
    }

    @Override
    void writeTest(DataOutput out) throws IOException {
        out.writeInt(windowSize);
        out.writeInt(count);
        for (int i = 0; i < count; i++) {
            out.writeDouble(at(i));
        }
        out.writeLong(rng.state());
    }

    @Override
    void readTest(DataInput in) throws IOException {
        int storedWindow = in.readInt();
        if (storedWindow != windowSize) {
            throw new IOException("kswin state has windowSize " + storedWindow + ", this detector " + windowSize);
        }
        int storedCount = in.readInt();
        if (storedCount < 0 || storedCount > windowSize) {
            throw new IOException("kswin state holds " + storedCount + " observations, expected 0.." + windowSize);
        }
        start = 0;
        count = storedCount;
        for (int i = 0; i < count; i++) {
            window[i] = in.readDouble();
        }
        rng.setState(in.readLong());
    }

    @Override
    public String toString() {
        return "Kswin[alpha=" + alpha + ", windowSize=" + windowSize + ", statSize=" + statSize + ", seed="
                + seed + "]";
    }
}

package dev.tributary.drift;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * ADWIN, the adaptive sliding window: it keeps the longest recent window whose mean is statistically
 * consistent with "no change", and raises a drift whenever it drops old data because the window's two
 * parts differ (Bifet &amp; Gavaldà, "Learning from Time-Changing Data with Adaptive Windowing",
 * SDM 2007). This is ADWIN2: the window is an exponential histogram of buckets, at most
 * {@value #MAX_BUCKETS} buckets of each size 2<sup>i</sup>, so memory and the cost of a check grow as
 * log(window).
 *
 * <p><b>Reproduces MOA's {@code moa.classifiers.core.driftdetection.ADWIN} bit for bit</b> (the same
 * detections, window width, mean and variance after every observation; {@code AdwinMatchesMoaTest}
 * checks it), including MOA's choices beyond the paper:
 * <ul>
 *   <li>cuts are looked for only every {@code clock} observations (default {@value #DEFAULT_CLOCK}) and
 *       only when the window holds more than {@value #MIN_WINDOW_FOR_CHECK} observations; after a cut
 *       the search restarts at once, dropping the oldest bucket per cut, until no cut is found;</li>
 *   <li>a split is tested only when both parts hold more than {@value #MIN_SUBWINDOW} + 1
 *       observations, and with n = window width, V = variance of the whole window,
 *       dd = ln(2 ln(n) / delta) and m = 1/(n0 - {@value #MIN_SUBWINDOW} + 1) + 1/(n1 -
 *       {@value #MIN_SUBWINDOW} + 1), it cuts when |mean0 - mean1| &gt; sqrt(2 m V dd) + 2/3 dd m.</li>
 * </ul>
 * MOA multiplies bucket sizes by the window width as {@code int} when it drops a bucket, which
 * overflows once the window holds a few hundred thousand observations (and merging buckets of
 * 2<sup>16</sup> overflows likewise): its variance then goes wrong at the next cut (on a seeded stream,
 * at a cut of a 280,000-long window). This class computes those products in {@code long}, so it keeps
 * the exact window statistics there, and the two part ways only on such long windows.
 *
 * <p>ADWIN reports changes in either direction: compare {@link DriftStats#meanAfter()} with
 * {@link DriftStats#meanBefore()} to alert only on, say, a rising error (as MOA's
 * {@code ADWINChangeDetector} does). After a detection it simply goes on with the shrunken window.
 * {@link DriftStats#statistic()} is |mean0 - mean1| at the first cut of the detection; the "before"
 * part is the data dropped, the "after" part the window kept.
 */
public final class Adwin extends BaseDetector {
    /** Default confidence parameter delta, as in MOA. */
    public static final double DEFAULT_DELTA = 0.002;
    /** Default number of observations between two searches for a cut, as in MOA. */
    public static final int DEFAULT_CLOCK = 32;
    /** Buckets kept per size (MOA's {@code MAXBUCKETS}, the paper's M). */
    public static final int MAX_BUCKETS = 5;
    /** The window must be longer than this for a search (MOA's {@code mintMinimLongitudWindow}). */
    public static final int MIN_WINDOW_FOR_CHECK = 10;
    /** Sub-window length offset in the bound and the size test (MOA's {@code mintMinWinLength}). */
    public static final int MIN_SUBWINDOW = 5;

    private static final String NAME = "adwin";
    /** A row briefly holds one bucket too many before its two oldest are merged. */
    private static final int SLOTS = MAX_BUCKETS + 1;
    private static final int MAX_ROWS = 62;

    private final double delta;
    private final int clock;

    /** Observations since creation or the last reset: drives the clock, like MOA's {@code mintTime}. */
    private long time;
    private long width;
    private double total;
    /** Sum of squared deviations from the mean over the window (width times the variance). */
    private double sumSquares;
    /** Rows of buckets in use; row i holds buckets of 2^i observations, row 0 the newest data. */
    private int rows;
    private int[] rowSize;
    /** Bucket sums at [row * SLOTS + k]; k = 0 is the oldest bucket of its row. */
    private double[] bucketTotal;
    private double[] bucketSumSquares;

    /** ADWIN with delta = {@value #DEFAULT_DELTA} and clock = {@value #DEFAULT_CLOCK}. */
    public Adwin() {
        this(DEFAULT_DELTA);
    }

    /** ADWIN with the given confidence and the default clock. */
    public Adwin(double delta) {
        this(delta, DEFAULT_CLOCK);
    }

    /**
     * @param delta confidence: a false cut has probability at most about delta; in (0, 1)
     * @param clock observations between two searches for a cut; positive
     */
    public Adwin(double delta, int clock) {
        super(NAME);
        this.delta = Checks.openInterval("delta", delta, 0.0, 1.0);
        this.clock = Checks.positive("clock", clock);
        this.rowSize = new int[8];
        this.bucketTotal = new double[8 * SLOTS];
        this.bucketSumSquares = new double[8 * SLOTS];
        clearWindow();
    }

    public double delta() {
        return delta;
    }

    public int clock() {
        return clock;
    }

    /** Observations in the current window. */
    public long width() {
        return width;
    }

    /** Mean of the current window (0 when it is empty). */
    public double mean() {
        return width == 0 ? 0.0 : total / width;
    }

    /** Population variance of the current window (0 when it is empty). */
    public double variance() {
        return width == 0 ? 0.0 : sumSquares / width;
    }

    @Override
    public void update(double x) {
        Checks.finiteObservation(x);
        position++;
        time++;
        detected = false;
        insert(x);
        if (time % clock == 0 && width > MIN_WINDOW_FOR_CHECK) {
            shrinkWhileChanged();
        }
    }

    @Override
    public void reset() {
        clearWindow();
        time = 0;
        detected = false;
        lastDrift = null;
    }

    @Override
    public Adwin copy() {
        return new Adwin(delta, clock);
    }

    private void clearWindow() {
        width = 0;
        total = 0.0;
        sumSquares = 0.0;
        rows = 1;
        Arrays.fill(rowSize, 0);
    }

    private void insert(double x) {
        width++;
        append(0, x, 0.0);
        if (width > 1) {
            double deviation = x - total / (width - 1);
            sumSquares += (width - 1) * deviation * deviation / width;
        }
        total += x;
        mergeFullRows();
    }

    /** Merges the two oldest buckets of each full row into one bucket of the next row, cascading. */
    private void mergeFullRows() {
        for (int row = 0; rowSize[row] == SLOTS; row++) {
            if (row + 1 == rows) {
                addRow();
            }
            long size = 1L << row;
            int base = row * SLOTS;
            double older = bucketTotal[base];
            double newer = bucketTotal[base + 1];
            double meanGap = older / size - newer / size;
            double between = size * size * meanGap * meanGap / (size + size);
            append(row + 1, older + newer, bucketSumSquares[base] + bucketSumSquares[base + 1] + between);
            dropOldest(row, 2);
        }
    }

    /** Searches for cuts from the oldest bucket to the newest, dropping the oldest bucket per cut. */
    private void shrinkWhileChanged() {
        double firstGap = Double.NaN;
        long droppedCount = 0;
        double droppedTotal = 0.0;
        boolean cut = true;
        while (cut) {
            cut = false;
            long n0 = 0;
            long n1 = width;
            double sum0 = 0.0;
            double sum1 = total;
            scan:
            for (int row = rows - 1; row >= 0; row--) {
                long size = 1L << row;
                int base = row * SLOTS;
                for (int k = 0; k < rowSize[row]; k++) {
                    double bucket = bucketTotal[base + k];
                    n0 += size;
                    n1 -= size;
                    sum0 += bucket;
                    sum1 -= bucket;
                    if (row == 0 && k == rowSize[row] - 1) {
                        break scan;
                    }
                    double gap = sum0 / n0 - sum1 / n1;
                    if (n1 > MIN_SUBWINDOW + 1 && n0 > MIN_SUBWINDOW + 1 && exceedsBound(n0, n1, gap)) {
                        if (droppedCount == 0) {
                            firstGap = Math.abs(gap);
                        }
                        droppedTotal += bucketTotal[(rows - 1) * SLOTS];
                        droppedCount += dropOldestBucket();
                        cut = true;
                        break scan;
                    }
                }
            }
        }
        if (droppedCount > 0) {
            detected = true;
            lastDrift = new DriftStats(NAME, position, firstGap, droppedTotal / droppedCount, droppedCount,
                    total / width, width);
        }
    }

    /** The Hoeffding/Bernstein-style cut test of MOA's ADWIN, same operations in the same order. */
    private boolean exceedsBound(long n0, long n1, double gap) {
        double dd = Math.log(2 * Math.log(width) / delta);
        double v = sumSquares / width;
        double m = 1.0 / (n0 - MIN_SUBWINDOW + 1) + 1.0 / (n1 - MIN_SUBWINDOW + 1);
        double epsilon = Math.sqrt(2 * m * v * dd) + 2.0 / 3 * dd * m;
        return Math.abs(gap) > epsilon;
    }

    /** Removes the oldest bucket of the window; returns how many observations it held. */
    private long dropOldestBucket() {
        int row = rows - 1;
        int base = row * SLOTS;
        long size = 1L << row;
        double bucket = bucketTotal[base];
        double bucketSquares = bucketSumSquares[base];
        width -= size;
        total -= bucket;
        double meanGap = bucket / size - total / width;
        sumSquares -= bucketSquares + size * width * meanGap * meanGap / (size + width);
        dropOldest(row, 1);
        if (rowSize[row] == 0) {
            rows--;
        }
        return size;
    }

    private void append(int row, double bucketSum, double bucketSquares) {
        int slot = row * SLOTS + rowSize[row];
        bucketTotal[slot] = bucketSum;
        bucketSumSquares[slot] = bucketSquares;
        rowSize[row]++;
    }

    private void dropOldest(int row, int count) {
        int base = row * SLOTS;
        int keep = rowSize[row] - count;
        System.arraycopy(bucketTotal, base + count, bucketTotal, base, keep);
        System.arraycopy(bucketSumSquares, base + count, bucketSumSquares, base, keep);
        rowSize[row] = keep;
    }

    private void addRow() {
        if (rows == MAX_ROWS) {
            throw new IllegalStateException("ADWIN window exceeds " + MAX_ROWS + " bucket rows");
        }
        ensureRows(rows + 1);
        rowSize[rows] = 0;
        rows++;
    }

    private void ensureRows(int needed) {
        if (needed > rowSize.length) {
            int capacity = Math.max(needed, 2 * rowSize.length);
            rowSize = Arrays.copyOf(rowSize, capacity);
            bucketTotal = Arrays.copyOf(bucketTotal, capacity * SLOTS);
            bucketSumSquares = Arrays.copyOf(bucketSumSquares, capacity * SLOTS);
        }
    }

    @Override
    void writeTest(DataOutput out) throws IOException {
        out.writeLong(time);
        out.writeLong(width);
        out.writeDouble(total);
        out.writeDouble(sumSquares);
        out.writeInt(rows);
        for (int row = 0; row < rows; row++) {
            out.writeInt(rowSize[row]);
            for (int k = 0; k < rowSize[row]; k++) {
                out.writeDouble(bucketTotal[row * SLOTS + k]);
                out.writeDouble(bucketSumSquares[row * SLOTS + k]);
            }
        }
    }

    @Override
    void readTest(DataInput in) throws IOException {
        time = in.readLong();
        width = in.readLong();
        total = in.readDouble();
        sumSquares = in.readDouble();
        int storedRows = in.readInt();
        if (storedRows < 1 || storedRows > MAX_ROWS) {
            throw new IOException("adwin state has " + storedRows + " bucket rows, expected 1.." + MAX_ROWS);
        }
        ensureRows(storedRows);
        Arrays.fill(rowSize, 0);
        rows = storedRows;
        for (int row = 0; row < rows; row++) {
            int size = in.readInt();
            if (size < 0 || size > MAX_BUCKETS) {
                throw new IOException("adwin state row " + row + " has " + size + " buckets, expected 0.." + MAX_BUCKETS);
            }
            rowSize[row] = size;
            for (int k = 0; k < size; k++) {
                bucketTotal[row * SLOTS + k] = in.readDouble();
                bucketSumSquares[row * SLOTS + k] = in.readDouble();
            }
        }
    }

    @Override
    public String toString() {
        return "Adwin[delta=" + delta + ", clock=" + clock + ", width=" + width + "]";
    }
}

package dev.tributary.drift;

import dev.tributary.util.Stateful;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Optional;

/**
 * A change detector for a stream of probability vectors, such as the expert shares of a
 * mixture-of-experts gate, one vector per event. It keeps two moving means of the vectors, a fast one
 * (memory of about {@code fast} vectors) and a slow one (about {@code slow}), and raises a drift when
 * their total-variation distance {@code TV = ½·Σ_k |fast_k − slow_k|} exceeds {@code threshold}: the
 * recent vectors put at least that much probability mass elsewhere than the longer past did.
 *
 * <p>Why not a test per component (ADWIN on each expert's share)? A gate is a function of the inputs
 * <em>and</em> of parameters that keep learning, so its shares move all the time; with thousands of
 * events any statistical test finds those small moves significant (measured: about one ADWIN alert per
 * 150 events of a stationary stream). An effect-size rule on a scale-free distance, with horizons that
 * separate abrupt re-routing from slow learning, asks the question that matters: did the routing move
 * by a lot, quickly? This is the same summary {@code eval.GateHealth} uses (moving means of gate
 * shares, compared by total variation).
 *
 * <p>Moving means: after the {@code n}-th vector each mean takes a step of {@code max(1/n, 1/h)}
 * towards it ({@code h} = its horizon): the exact mean of the first {@code h} vectors, then an
 * exponential moving average with memory {@code h}. No drift is raised before {@code slow} vectors,
 * while the slow mean is still an exact average of a short past. After a drift the detector is
 * disarmed until the distance falls below {@code threshold / 2} (the slow mean has caught up), so one
 * shift raises one drift. In the {@link DriftStats}: {@code statistic} is the distance; "before" is
 * the slow mean's and "after" the fast mean's share of the component that moved most, with counts
 * {@code min(n, slow)} and {@code min(n, fast)}.
 *
 * <p>Cost per vector: O(size). State: two vectors and a few counters. Not thread-safe.
 */
public final class ShareShift implements Stateful {
    public static final int DEFAULT_FAST = 100;
    public static final int DEFAULT_SLOW = 1000;
    public static final double DEFAULT_THRESHOLD = 0.1;
    private static final String NAME = "share-shift";
    private static final int STATE_VERSION = 1;

    private final int size;
    private final int fast;
    private final int slow;
    private final double threshold;
    private final double[] fastMean;
    private final double[] slowMean;
    private long position;
    private long count;
    private boolean armed = true;
    private boolean detected;
    private double distance = Double.NaN;
    private DriftStats lastDrift;

    /**
     * @param size      components per vector, at least 2
     * @param fast      horizon of the fast mean, at least 1
     * @param slow      horizon of the slow mean, greater than {@code fast}
     * @param threshold total-variation distance that raises a drift, in (0, 1)
     */
    public ShareShift(int size, int fast, int slow, double threshold) {
        if (size < 2) {
            throw new IllegalArgumentException("size must be at least 2, found " + size);
        }
        this.size = size;
        this.fast = Checks.positive("fast", fast);
        if (slow <= fast) {
            throw new IllegalArgumentException("slow must be greater than fast = " + fast + ", found " + slow);
        }
        this.slow = slow;
        this.threshold = Checks.openInterval("threshold", threshold, 0.0, 1.0);
        this.fastMean = new double[size];
        this.slowMean = new double[size];
    }

    public int size() {
        return size;
    }

    public int fast() {
        return fast;
    }

    public int slow() {
        return slow;
    }

    public double threshold() {
        return threshold;
    }

    /** Adds one vector {@code p[offset .. offset + size)}; each component must be in [0, 1]. */
    public void update(float[] p, int offset) {
        java.util.Objects.checkFromIndexSize(offset, size, p.length);
        for (int k = 0; k < size; k++) {
            float x = p[offset + k];
            if (!(x >= 0f && x <= 1f)) {
                throw new IllegalArgumentException("component " + k + " must be in [0, 1], found " + x);
            }
        }
        position++;
        count++;
        double fastStep = Math.max(1.0 / count, 1.0 / fast);
        double slowStep = Math.max(1.0 / count, 1.0 / slow);
        double sum = 0;
        int moved = 0;
        double most = -1;
        for (int k = 0; k < size; k++) {
            double x = p[offset + k];
            fastMean[k] += fastStep * (x - fastMean[k]);
            slowMean[k] += slowStep * (x - slowMean[k]);
            double d = Math.abs(fastMean[k] - slowMean[k]);
            sum += d;
            if (d > most) {
                most = d;
                moved = k;
            }
        }
        distance = sum / 2;
        detected = false;
        if (count < slow) {
            return;
        }
        if (armed && distance > threshold) {
            detected = true;
            armed = false;
            lastDrift = new DriftStats(NAME, position, distance, slowMean[moved], Math.min(count, slow),
                    fastMean[moved], Math.min(count, fast));
        } else if (!armed && distance < threshold / 2) {
            armed = true;
        }
    }

    /** True right after the update that detected a drift. */
    public boolean driftDetected() {
        return detected;
    }

    /** The most recent detection, or empty. */
    public Optional<DriftStats> lastDrift() {
        return Optional.ofNullable(lastDrift);
    }

    /** The current total-variation distance between the fast and the slow mean (NaN before any vector). */
    public double distance() {
        return distance;
    }

    /** A copy of the slow (long-run) mean vector. */
    public double[] slowMean() {
        return slowMean.clone();
    }

    /** A copy of the fast (recent) mean vector. */
    public double[] fastMean() {
        return fastMean.clone();
    }

    /** Vectors seen since creation. */
    public long position() {
        return position;
    }

    public String name() {
        return NAME;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeInt(STATE_VERSION);
        out.writeInt(size);
        out.writeLong(position);
        out.writeLong(count);
        out.writeBoolean(armed);
        out.writeBoolean(detected);
        out.writeDouble(distance);
        for (int k = 0; k < size; k++) {
            out.writeDouble(fastMean[k]);
            out.writeDouble(slowMean[k]);
        }
        Checks.writeStats(out, lastDrift);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        Checks.version(in, STATE_VERSION, NAME);
        int stored = in.readInt();
        if (stored != size) {
            throw new IOException(NAME + " state has vectors of " + stored + ", expected " + size);
        }
        position = in.readLong();
        count = in.readLong();
        armed = in.readBoolean();
        detected = in.readBoolean();
        distance = in.readDouble();
        for (int k = 0; k < size; k++) {
            fastMean[k] = in.readDouble();
            slowMean[k] = in.readDouble();
        }
        lastDrift = Checks.readStats(in, NAME);
    }

    @Override
    public String toString() {
        return "ShareShift[size=" + size + ", fast=" + fast + ", slow=" + slow + ", threshold=" + threshold + "]";
    }
}

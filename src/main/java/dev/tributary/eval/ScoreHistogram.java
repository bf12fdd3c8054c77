package dev.tributary.eval;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Approximate AUC of an unbounded stream of probabilities in bounded memory: per class, a histogram
 * of {@code b} equal-width bins on [0, 1] (score {@code s} falls in bin {@code min(b-1, floor(s b))}).
 *
 * <p>Bins are ordered like the scores, so a positive/negative pair in different bins is ordered
 * exactly as its scores are; only pairs sharing a bin are unknown, and each is counted ½ (a tie).
 * The exact Mann–Whitney count of such a pair is between 0 and 1, so
 * {@code |approx − exact| <= ½ × (pairs sharing a bin) / (n+ n-)} — the bound that
 * {@link #errorBound()} reports. Scores tied exactly count ½ in both, so ties never add error beyond it.
 * Both answers cost O(b).
 */
final class ScoreHistogram {
    private final long[] pos;
    private final long[] neg;
    private long positives;
    private long negatives;

    ScoreHistogram(int bins) {
        SlidingSums.requirePositive(bins, "bins");
        pos = new long[bins];
        neg = new long[bins];
    }

    int bins() {
        return pos.length;
    }

    void clear() {
        Arrays.fill(pos, 0);
        Arrays.fill(neg, 0);
        positives = 0;
        negatives = 0;
    }

    void add(double probability, boolean positive) {
        int bin = Math.min(pos.length - 1, (int) (probability * pos.length));
        if (positive) {
            pos[bin]++;
            positives++;
        } else {
            neg[bin]++;
            negatives++;
        }
    }

    /** AUC with same-bin pairs counted as ties; NaN unless both classes were seen. */
    double auc() {
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        double u = 0;
        double negativesBelow = 0;
        for (int b = 0; b < pos.length; b++) {
            u += pos[b] * (negativesBelow + 0.5 * neg[b]);
            negativesBelow += neg[b];
        }
        return u / ((double) positives * negatives);
    }

    /** The largest possible |{@link #auc()} − exact AUC|; NaN unless both classes were seen. */
    double errorBound() {
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        double sameBin = 0;
        for (int b = 0; b < pos.length; b++) {
            sameBin += (double) pos[b] * neg[b];
        }
        return 0.5 * sameBin / ((double) positives * negatives);
    }

    /** Marks the compact layout; the first layout began with the (positive) bin count instead. */
    private static final int COMPACT = -2;

    /**
     * Writes the non-empty bins only (sigmoid outputs of a trained model crowd a few bins), each as the
     * gap from the previous one and its two counts in base-128 varints: ~5 bytes a bin instead of the
     * first layout's 20, which mattered because the learner's snapshot is written at every commit.
     */
    void writeState(DataOutput out) throws IOException {
        out.writeInt(COMPACT);
        out.writeInt(pos.length);
        int used = 0;
        for (int b = 0; b < pos.length; b++) {
            if (pos[b] != 0 || neg[b] != 0) {
                used++;
            }
        }
        out.writeInt(used);
        int previous = -1;
        for (int b = 0; b < pos.length; b++) {
            if (pos[b] != 0 || neg[b] != 0) {
                writeVarLong(out, b - previous);
                writeVarLong(out, pos[b]);
                writeVarLong(out, neg[b]);
                previous = b;
            }
        }
    }

    /** Reads either layout: the compact one, or the first (int bin, long, long per used bin). */
    void readState(DataInput in) throws IOException {
        int first = in.readInt();
        boolean compact = first == COMPACT;
        int storedBins = compact ? in.readInt() : first;
        if (storedBins != pos.length) {
            throw new IOException("histogram state was written for " + storedBins + " bins, this instance has "
                    + pos.length);
        }
        clear();
        int used = in.readInt();
        if (used < 0 || used > pos.length) {
            throw new IOException("corrupt histogram state: " + used + " used bins of " + pos.length);
        }
        long b = -1;
        for (int i = 0; i < used; i++) {
            b = compact ? b + readVarLong(in) : in.readInt();
            long p = compact ? readVarLong(in) : in.readLong();
            long n = compact ? readVarLong(in) : in.readLong();
            if (b < 0 || b >= pos.length || p < 0 || n < 0) {
                throw new IOException("corrupt histogram state: bin " + b + " with counts " + p + ", " + n);
            }
            pos[(int) b] = p;
            neg[(int) b] = n;
            positives += p;
            negatives += n;
        }
    }

    /** Unsigned base-128 varint of a non-negative value: 7 bits a byte, high bit set while more follow. */
    static void writeVarLong(DataOutput out, long v) throws IOException {
        while ((v & ~0x7FL) != 0) {
            out.writeByte((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.writeByte((int) v);
    }

    static long readVarLong(DataInput in) throws IOException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IOException("corrupt histogram state: a varint longer than 10 bytes");
    }
}

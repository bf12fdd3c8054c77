package dev.tributary.eval;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Per-column sums of per-event contributions over a sliding window of the last {@code window} events
 * and since the start. The owner keeps the events themselves in ring arrays indexed by the slot that
 * {@link #claim} hands out, and computes an event's contributions on demand through {@link Rows}, so
 * an event is stored once, in its rawest form.
 *
 * <p>Call order per event: {@code slot = claim()} (which subtracts the evicted event's contributions
 * from the window sums when the window is full, before the owner overwrites its slot), write the new
 * event at {@code slot}, then {@code commit(slot)}.
 *
 * <p>Subtracting what was once added leaves rounding residue in a floating-point sum; after every
 * {@code window} evictions the window sums are recomputed from the ring, which costs O(window) once
 * per window (amortised O(1) per event) and keeps the residue to that of at most {@code 2 * window}
 * operations. Slots fill as 0, 1, …, {@code window - 1} and then recycle, so the occupied slots are
 * always {@code [0, size())}.
 */
final class SlidingSums {
    /** Computes one stored event's contributions. */
    interface Rows {
        /** Writes the contributions of the event stored at {@code slot} into {@code out}. */
        void row(int slot, double[] out);
    }

    private final int window;
    private final Rows rows;
    private final double[] windowSums;
    private final double[] totalSums;
    private final double[] scratch;
    private long count;
    private int size;
    private int head;
    private int evictionsSinceResum;

    SlidingSums(int window, int columns, Rows rows) {
        this.window = requirePositive(window, "window");
        this.rows = rows;
        this.windowSums = new double[columns];
        this.totalSums = new double[columns];
        this.scratch = new double[columns];
    }

    static int requirePositive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, found " + value);
        }
        return value;
    }

    int window() {
        return window;
    }

    /** Events in the window. */
    int size() {
        return size;
    }

    /** Events since the start. */
    long count() {
        return count;
    }

    boolean isFull() {
        return size == window;
    }

    /** The slot of the oldest event in the window; only meaningful when the window is not empty. */
    int oldestSlot() {
        return isFull() ? head : 0;
    }

    /** The slot for the next event, after evicting the oldest one from the window sums if full. */
    int claim() {
        if (size < window) {
            return size;
        }
        int slot = head;
        rows.row(slot, scratch);
        for (int c = 0; c < windowSums.length; c++) {
            windowSums[c] -= scratch[c];
        }
        head = (head + 1) % window;
        size--;
        evictionsSinceResum++;
        return slot;
    }

    /** Adds the event just written at {@code slot} to the window and total sums. */
    void commit(int slot) {
        rows.row(slot, scratch);
        for (int c = 0; c < windowSums.length; c++) {
            windowSums[c] += scratch[c];
            totalSums[c] += scratch[c];
        }
        size++;
        count++;
        if (evictionsSinceResum >= window) {
            resum();
        }
    }

    private void resum() {
        Arrays.fill(windowSums, 0.0);
        for (int slot = 0; slot < size; slot++) {
            rows.row(slot, scratch);
            for (int c = 0; c < windowSums.length; c++) {
                windowSums[c] += scratch[c];
            }
        }
        evictionsSinceResum = 0;
    }

    /** Mean of column {@code c} over the window; NaN when the window is empty. */
    double windowMean(int c) {
        return size == 0 ? Double.NaN : windowSums[c] / size;
    }

    /** Mean of column {@code c} since the start; NaN before the first event. */
    double totalMean(int c) {
        return count == 0 ? Double.NaN : totalSums[c] / count;
    }

    void writeState(DataOutput out) throws IOException {
        out.writeInt(window);
        out.writeInt(windowSums.length);
        out.writeLong(count);
        out.writeInt(size);
        out.writeInt(head);
        out.writeInt(evictionsSinceResum);
        for (int c = 0; c < windowSums.length; c++) {
            out.writeDouble(windowSums[c]);
            out.writeDouble(totalSums[c]);
        }
    }

    void readState(DataInput in) throws IOException {
        int storedWindow = in.readInt();
        int storedColumns = in.readInt();
        if (storedWindow != window || storedColumns != windowSums.length) {
            throw new IOException("metrics state was written for window " + storedWindow + " and "
                    + storedColumns + " columns, this instance has window " + window + " and "
                    + windowSums.length + " columns");
        }
        long storedCount = in.readLong();
        int storedSize = in.readInt();
        int storedHead = in.readInt();
        int storedEvictions = in.readInt();
        if (storedSize < 0 || storedSize > window || storedCount < storedSize || storedHead < 0
                || storedHead >= window || (storedHead != 0 && storedSize != window)
                || storedEvictions < 0 || storedEvictions > window) {
            throw new IOException("corrupt metrics state: count " + storedCount + ", size " + storedSize
                    + ", head " + storedHead + ", evictions " + storedEvictions + " for window " + window);
        }
        count = storedCount;
        size = storedSize;
        head = storedHead;
        evictionsSinceResum = storedEvictions;
        for (int c = 0; c < windowSums.length; c++) {
            windowSums[c] = in.readDouble();
            totalSums[c] = in.readDouble();
        }
    }
}

package dev.tributary.optim;

import dev.tributary.model.TouchedRows;
import java.util.Arrays;

/**
 * The parameters a training step may change, as ranges in ascending offset order: every parameter
 * outside the embedding tables (the dense ranges), and the embedding rows the step's batch touched
 * ({@link TouchedRows}), one range per row. Updating only these is the lazy embedding update: a row no
 * example of the batch uses has no gradient and keeps its value and optimizer state; with every row
 * touched it is the dense update, bit for bit (see {@link Optimizer#step(float[], float[], double,
 * ParamSupport)}). {@link #all} is the dense update of every parameter.
 */
public final class ParamSupport {
    private final int size;
    private final int[] dense;
    private final TouchedRows touched;
    /** The layout's segments in offset order: ≥ 0 a table, −1 − k the k-th dense range. */
    private final int[] segments;
    private int n;
    private int[] from = new int[16];
    private int[] to = new int[16];
    private int[] table = new int[16];
    private int[] row = new int[16];

    private ParamSupport(int size, int[] dense, TouchedRows touched) {
        this.size = size;
        this.dense = dense.clone();
        this.touched = touched;
        int tables = touched == null ? 0 : touched.tables();
        Integer[] order = new Integer[dense.length / 2 + tables];
        for (int k = 0; k < dense.length / 2; k++) {
            order[k] = -1 - k;
        }
        for (int t = 0; t < tables; t++) {
            order[dense.length / 2 + t] = t;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(start(a), start(b)));
        this.segments = Arrays.stream(order).mapToInt(Integer::intValue).toArray();
        rebuild();
    }

    /** Every one of {@code size} parameters, as one dense range. */
    public static ParamSupport all(int size) {
        return new ParamSupport(size, new int[]{0, size}, null);
    }

    /**
     * The dense ranges ({@code [offset, length]} pairs, outside every table) and the rows marked in
     * {@code touched}; call {@link #rebuild} once the rows of a step are marked.
     */
    public static ParamSupport lazy(int size, int[] denseRanges, TouchedRows touched) {
        return new ParamSupport(size, denseRanges, touched);
    }

    private int start(int segment) {
        return segment >= 0 ? touched.offset(segment) : dense[2 * (-1 - segment)];
    }

    /** Recomputes the ranges from the rows marked now (sorting them). */
    public void rebuild() {
        n = 0;
        if (touched != null) {
            touched.sort();
        }
        for (int s : segments) {
            if (s < 0) {
                int k = -1 - s;
                add(dense[2 * k], dense[2 * k] + dense[2 * k + 1], -1, -1);
            } else {
                int off = touched.offset(s);
                int w = touched.width(s);
                for (int i = 0, c = touched.count(s); i < c; i++) {
                    int r = touched.row(s, i);
                    add(off + r * w, off + r * w + w, s, r);
                }
            }
        }
    }

    private void add(int f, int t, int tbl, int r) {
        if (n == from.length) {
            int cap = n * 2;
            from = Arrays.copyOf(from, cap);
            to = Arrays.copyOf(to, cap);
            table = Arrays.copyOf(table, cap);
            row = Arrays.copyOf(row, cap);
        }
        from[n] = f;
        to[n] = t;
        table[n] = tbl;
        row[n] = r;
        n++;
    }

    /** Whether this is the dense update of every parameter. */
    public boolean isAll() {
        return touched == null;
    }

    /** Number of parameters in all (the length of the flat buffers). */
    public int parameters() {
        return size;
    }

    /** Number of ranges. */
    public int ranges() {
        return n;
    }

    public int from(int i) {
        return from[i];
    }

    /** End of range {@code i}, exclusive. */
    public int to(int i) {
        return to[i];
    }

    /** The table of range {@code i}, or −1 for a dense range. */
    public int table(int i) {
        return table[i];
    }

    /** The table row of range {@code i} (when {@link #table} ≥ 0). */
    public int row(int i) {
        return row[i];
    }

    /** Zeroes {@code a} over the dense ranges (all of it for {@link #all}). */
    public void zeroDense(float[] a) {
        for (int k = 0; k < dense.length; k += 2) {
            Arrays.fill(a, dense[k], dense[k] + dense[k + 1], 0f);
        }
    }

    /** Zeroes {@code a} over the embedding rows of the ranges. */
    public void zeroRows(float[] a) {
        for (int i = 0; i < n; i++) {
            if (table[i] >= 0) {
                Arrays.fill(a, from[i], to[i], 0f);
            }
        }
    }

    /** A visitor of parameter ranges. */
    public interface RangeVisitor {
        void visit(int from, int to);
    }

    /**
     * Visits, in ascending order, the parts of the ranges that lie inside {@code pairs} (ascending,
     * non-overlapping {@code [offset, length]} pairs).
     */
    public void intersect(int[] pairs, RangeVisitor visitor) {
        int k = 0;
        for (int i = 0; i < n && k < pairs.length; i++) {
            while (k < pairs.length && pairs[k] + pairs[k + 1] <= from[i]) {
                k += 2;
            }
            for (int j = k; j < pairs.length && pairs[j] < to[i]; j += 2) {
                int lo = Math.max(from[i], pairs[j]);
                int hi = Math.min(to[i], pairs[j] + pairs[j + 1]);
                if (lo < hi) {
                    visitor.visit(lo, hi);
                }
            }
        }
    }

    /** Floats covered by the ranges. */
    public long covered() {
        long c = 0;
        for (int i = 0; i < n; i++) {
            c += to[i] - from[i];
        }
        return c;
    }
}

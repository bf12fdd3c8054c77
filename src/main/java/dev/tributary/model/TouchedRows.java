package dev.tributary.model;

import java.util.Arrays;
import java.util.List;

/**
 * The embedding rows a training step wrote gradient into, each once, per table (the layout's
 * {@link ParamLayout.Init#EMBEDDING} blocks, in layout order). The input layers mark the rows their
 * backward pass touches; the trainer updates only those rows of a table (lazy embedding updates), so
 * the cost of a step depends on the rows a batch touches, not on the size of the tables.
 *
 * <p>Marking is O(1) per row (a per-row stamp of the current step), and {@link #clear} is O(tables).
 */
public final class TouchedRows {
    private final int[] offset;
    private final int[] rows;
    private final int[] width;
    private final int[][] stamp;
    private final int[][] list;
    private final int[] count;
    private int epoch = 1;

    public TouchedRows(ParamLayout layout) {
        List<ParamLayout.Block> tables = layout.tables();
        int n = tables.size();
        offset = new int[n];
        rows = new int[n];
        width = new int[n];
        stamp = new int[n][];
        list = new int[n][];
        count = new int[n];
        for (int t = 0; t < n; t++) {
            ParamLayout.Block b = tables.get(t);
            offset[t] = b.offset();
            rows[t] = b.fanIn();
            width[t] = b.fanOut();
            stamp[t] = new int[rows[t]];
            list[t] = new int[Math.min(rows[t], 64)];
        }
    }

    /** Number of embedding tables. */
    public int tables() {
        return offset.length;
    }

    /** Where table {@code t} starts in the flat parameters. */
    public int offset(int t) {
        return offset[t];
    }

    /** Rows of table {@code t}. */
    public int rows(int t) {
        return rows[t];
    }

    /** Floats per row of table {@code t}. */
    public int width(int t) {
        return width[t];
    }

    /** Rows of table {@code t} marked since the last {@link #clear}. */
    public int count(int t) {
        return count[t];
    }

    /** The {@code i}-th marked row of table {@code t} (ascending after {@link #sort}). */
    public int row(int t, int i) {
        return list[t][i];
    }

    /** Marks row {@code row} of table {@code t}; a row already marked is not listed twice. */
    public void mark(int t, int row) {
        if (stamp[t][row] != epoch) {
            stamp[t][row] = epoch;
            if (count[t] == list[t].length) {
                list[t] = Arrays.copyOf(list[t], Math.min(rows[t], list[t].length * 2));
            }
            list[t][count[t]++] = row;
        }
    }

    /** Orders each table's marked rows ascending. */
    public void sort() {
        for (int t = 0; t < offset.length; t++) {
            Arrays.sort(list[t], 0, count[t]);
        }
    }

    /** Unmarks every row. */
    public void clear() {
        Arrays.fill(count, 0);
        if (++epoch == Integer.MAX_VALUE) {
            for (int[] s : stamp) {
                Arrays.fill(s, 0);
            }
            epoch = 1;
        }
    }
}

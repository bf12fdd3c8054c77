package dev.tributary.learner;

import java.util.Arrays;

/**
 * A change of a learner's parameters: one value per parameter of the dense layers (the layout's dense
 * ranges, concatenated in order) and the changed embedding rows, each under the key
 * {@code table << 32 | row} (ascending) with its {@code width} values. What a replica sends as its
 * delta and what the aggregator sends back as a merged update.
 */
public record ParamChange(float[] dense, long[] rowKeys, float[][] rowValues) {
    public ParamChange {
        if (rowKeys.length != rowValues.length) {
            throw new IllegalArgumentException(rowKeys.length + " row keys but " + rowValues.length + " rows");
        }
        for (int i = 1; i < rowKeys.length; i++) {
            if (rowKeys[i] <= rowKeys[i - 1]) {
                throw new IllegalArgumentException("row keys must ascend, found " + rowKeys[i - 1] + " then "
                        + rowKeys[i]);
            }
        }
    }

    static long key(int table, int row) {
        return (long) table << 32 | (row & 0xFFFFFFFFL);
    }

    static int table(long key) {
        return (int) (key >>> 32);
    }

    static int row(long key) {
        return (int) key;
    }

    /** Rows changed. */
    public int rows() {
        return rowKeys.length;
    }

    /** The values of the row under {@code key}, or null when it did not change. */
    public float[] valuesOf(long key) {
        int i = Arrays.binarySearch(rowKeys, key);
        return i < 0 ? null : rowValues[i];
    }
}

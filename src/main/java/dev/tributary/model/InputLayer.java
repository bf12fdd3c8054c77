package dev.tributary.model;

import dev.tributary.features.Batch;
import dev.tributary.features.InputShape;

/**
 * The network's first layer: the standardised numeric inputs followed by one learned embedding row
 * per categorical feature, concatenated into one input vector per row.
 */
final class InputLayer {
    final int numeric;
    final int[] buckets;
    final int[] dims;
    final int[] tableOff;
    /** Each feature's table index among the layout's tables ({@link TouchedRows}). */
    final int[] table;
    final int width;

    InputLayer(ParamLayout layout, String prefix, InputShape shape) {
        this.numeric = shape.numeric();
        this.buckets = shape.buckets().clone();
        this.dims = shape.dims().clone();
        this.tableOff = new int[buckets.length];
        this.table = new int[buckets.length];
        int w = numeric;
        for (int f = 0; f < buckets.length; f++) {
            table[f] = layout.tables().size();
            tableOff[f] = layout.add(prefix + "embedding." + f, Math.multiplyExact(buckets[f], dims[f]),
                    ParamLayout.Init.EMBEDDING, buckets[f], dims[f]);
            w += dims[f];
        }
        this.width = w;
    }

    void forward(float[] p, Batch batch, float[] out, int rows) {
        forward(p, batch, out, null, rows);
    }

    /**
     * The input rows of the batch rows {@code ids[0 .. n)} into {@code out}'s rows {@code 0 .. n)}, or of
     * every row when {@code ids} is null.
     */
    void forward(float[] p, Batch batch, float[] out, int[] ids, int n) {
        int cw = buckets.length;
        for (int i = 0; i < n; i++) {
            int r = ids == null ? i : ids[i];
            int o = i * width;
            System.arraycopy(batch.numeric, r * numeric, out, o, numeric);
            o += numeric;
            for (int f = 0; f < cw; f++) {
                int idx = batch.categorical[r * cw + f];
                if (idx < 0 || idx >= buckets[f]) {
                    throw new IllegalArgumentException("categorical feature " + f + " index " + idx
                            + " is outside 0.." + (buckets[f] - 1));
                }
                System.arraycopy(p, tableOff[f] + idx * dims[f], out, o, dims[f]);
                o += dims[f];
            }
        }
    }

    /** Whether the layer has parameters (embedding tables) that learn from its input gradient. */
    boolean hasEmbeddings() {
        return buckets.length > 0;
    }

    void backward(float[] g, Batch batch, float[] dOut, int rows, TouchedRows touched) {
        backward(g, batch, dOut, null, rows, touched);
    }

    /**
     * Accumulates the embedding gradients of {@code dOut}, whose rows are laid out as in {@link #forward},
     * and marks each table row it writes in {@code touched}.
     */
    void backward(float[] g, Batch batch, float[] dOut, int[] ids, int n, TouchedRows touched) {
        int cw = buckets.length;
        for (int i = 0; i < n; i++) {
            int r = ids == null ? i : ids[i];
            int o = i * width + numeric;
            for (int f = 0; f < cw; f++) {
                int index = batch.categorical[r * cw + f];
                touched.mark(table[f], index);
                int row = tableOff[f] + index * dims[f];
                for (int d = 0; d < dims[f]; d++) {
                    g[row + d] += dOut[o + d];
                }
                o += dims[f];
            }
        }
    }
}

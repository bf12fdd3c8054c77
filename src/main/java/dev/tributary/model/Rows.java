package dev.tributary.model;

/**
 * Moves a subset of a batch's rows between a batch-wide buffer (row {@code r} at {@code r·width}) and
 * a compact one (the subset's {@code i}-th row at {@code i·width}). This is how the parts of a network
 * that belong to one task run over that task's rows only: gather their inputs, run the layers on the
 * compact rows, scatter the results back to the rows they came from.
 */
final class Rows {
    private Rows() {
    }

    /** {@code dst[i] = src[ids[i]]} for {@code i < n}, rows of {@code width} floats. */
    static void gather(float[] src, int width, int[] ids, int n, float[] dst) {
        for (int i = 0; i < n; i++) {
            System.arraycopy(src, ids[i] * width, dst, i * width, width);
        }
    }

    /** {@code dst[ids[i]] = src[i]} for {@code i < n}, rows of {@code width} floats. */
    static void scatter(float[] src, int width, int[] ids, int n, float[] dst) {
        for (int i = 0; i < n; i++) {
            System.arraycopy(src, i * width, dst, ids[i] * width, width);
        }
    }

    /** {@code dst[ids[i]] += src[i]} for {@code i < n}, rows of {@code width} floats. */
    static void scatterAdd(float[] src, int width, int[] ids, int n, float[] dst) {
        for (int i = 0; i < n; i++) {
            int s = i * width;
            int d = ids[i] * width;
            for (int j = 0; j < width; j++) {
                dst[d + j] += src[s + j];
            }
        }
    }
}

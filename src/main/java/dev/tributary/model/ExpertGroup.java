package dev.tributary.model;

import java.util.List;

/**
 * {@code n} experts that read the same input, each an MLP with the same ReLU widths. Their first
 * layers are fused into one wide layer ({@code in → n·h1}), so the most expensive product runs once
 * with a wide output; deeper layers run per expert on column slices. Outputs are laid out side by
 * side: expert {@code j}'s row is columns {@code j·width .. (j+1)·width} of {@link #output()}.
 */
final class ExpertGroup {
    final int n;
    final int width;
    final int firstId;
    /**
     * Whether the group runs over one task's rows only, compactly in the order of that task's row list
     * (a task's own experts at the last level, which nothing but its own gate reads), rather than over
     * every row of the batch. The gate that mixes it reads its rows accordingly.
     */
    final boolean compact;
    private final Dense first;
    private final Dense[][] deeper;
    private final int[] widths;
    private float[][] acts;
    private float[][] grads;

    /**
     * @param firstId global index of this group's first expert (for dropout masks)
     * @param compact see {@link #compact}
     */
    ExpertGroup(ParamLayout layout, String prefix, int in, int n, List<Integer> hidden, int firstId,
                boolean compact, Kernels kernels) {
        if (n <= 0 || hidden.isEmpty()) {
            throw new IllegalArgumentException(prefix + ": an expert group needs experts and layers");
        }
        this.n = n;
        this.firstId = firstId;
        this.compact = compact;
        this.widths = hidden.stream().mapToInt(Integer::intValue).toArray();
        this.width = widths[widths.length - 1];
        this.first = new Dense(layout, prefix + ".fused", in, n * widths[0], true, kernels);
        this.deeper = new Dense[widths.length - 1][n];
        for (int l = 1; l < widths.length; l++) {
            for (int e = 0; e < n; e++) {
                deeper[l - 1][e] = new Dense(layout, prefix + "." + e + "." + l, widths[l - 1], widths[l], true,
                        kernels);
            }
        }
    }

    void allocate(int capacity) {
        acts = new float[widths.length][];
        grads = new float[widths.length][];
        for (int l = 0; l < widths.length; l++) {
            acts[l] = new float[capacity * n * widths[l]];
            grads[l] = new float[capacity * n * widths[l]];
        }
    }

    long macs() {
        long m = first.macs();
        for (Dense[] layer : deeper) {
            for (Dense d : layer) {
                m += d.macs();
            }
        }
        return m;
    }

    /** Row stride of {@link #output()} and {@link #outputGrad()}: {@code n·width}. */
    int stride() {
        return n * width;
    }

    float[] output() {
        return acts[widths.length - 1];
    }

    float[] outputGrad() {
        return grads[widths.length - 1];
    }

    /** The fused first layer's weights, which every expert of the group reads. */
    Dense firstLayer() {
        return first;
    }

    void forward(float[] p, float[] x, int xOff, int xStride, int rows) {
        first.forward(p, x, xOff, xStride, acts[0], 0, n * widths[0], rows);
        for (int l = 1; l < widths.length; l++) {
            int inStride = n * widths[l - 1];
            int outStride = n * widths[l];
            for (int e = 0; e < n; e++) {
                deeper[l - 1][e].forward(p, acts[l - 1], e * widths[l - 1], inStride,
                        acts[l], e * widths[l], outStride, rows);
            }
        }
    }

    /** Backpropagates {@link #outputGrad()}, accumulating into {@code g} and {@code dx}. */
    void backward(float[] p, float[] g, float[] x, int xOff, int xStride, float[] dx, int dxOff, int dxStride,
                  int rows) {
        for (int l = widths.length - 1; l >= 1; l--) {
            int inStride = n * widths[l - 1];
            int outStride = n * widths[l];
            AbstractNetwork.zero(grads[l - 1], rows * inStride);
            for (int e = 0; e < n; e++) {
                deeper[l - 1][e].backward(p, g, acts[l - 1], e * widths[l - 1], inStride,
                        acts[l], e * widths[l], outStride, grads[l], e * widths[l], outStride,
                        grads[l - 1], e * widths[l - 1], inStride, rows);
            }
        }
        int s0 = n * widths[0];
        first.backward(p, g, x, xOff, xStride, acts[0], 0, s0, grads[0], 0, s0, dx, dxOff, dxStride, rows);
    }
}

package dev.tributary.model;

/**
 * A softmax gate over experts and the mixture it forms: {@code g = softmax(x·W_g / τ)} over the
 * gate's candidate experts, {@code mix = Σ_k g_k · expert_k(x)} (Ma et al., KDD 2018, eq. 5–6).
 * During training, experts dropped by the network's dropout mask get weight 0 and the softmax
 * renormalises over the rest (if a row would lose all its candidates, none are dropped for it).
 */
final class Gate {
    final Dense logits;
    final int k;
    final int width;
    private final ExpertGroup[] groups;
    private final int[] index;
    private final double tau;
    float[] g;
    float[] mix;
    float[] dmix;
    private float[] z;
    private float[] dz;
    private int[] ids;
    private int n;

    /**
     * @param groups the group of each candidate expert
     * @param index  the candidate's index within its group
     */
    Gate(ParamLayout layout, String name, int in, ExpertGroup[] groups, int[] index, double tau, Kernels kernels) {
        this.k = groups.length;
        this.groups = groups;
        this.index = index;
        this.tau = tau;
        this.width = groups[0].width;
        for (ExpertGroup grp : groups) {
            if (grp.width != width) {
                throw new IllegalArgumentException(name + ": experts mixed by one gate must have the same output"
                        + " width, found " + width + " and " + grp.width);
            }
        }
        this.logits = new Dense(layout, name, in, k, false, kernels);
    }

    void allocate(int capacity) {
        z = new float[capacity * k];
        dz = new float[capacity * k];
        g = new float[capacity * k];
        mix = new float[capacity * width];
        dmix = new float[capacity * width];
    }

    long macs() {
        return logits.macs() + (long) k * width;
    }

    /**
     * Over every row of the batch.
     *
     * @param mask rows × totalExperts keep-flags (1 keep, 0 drop), or null for no dropout
     */
    void forward(float[] p, float[] x, int xOff, int xStride, int rows, byte[] mask, int totalExperts) {
        forward(p, x, xOff, xStride, null, rows, mask, totalExperts);
    }

    /**
     * Over {@code n} rows: all rows of the batch ({@code ids == null}), or only the batch rows
     * {@code ids[0 .. n)}, for a gate that only one task's rows pass through. Then {@code x}, {@link #mix}
     * and {@link #dmix} hold those rows compactly (row {@code i} is batch row {@code ids[i]}), as do the
     * outputs of {@link ExpertGroup#compact} experts; {@link #g}, the other experts and {@code mask} are
     * read and written at the batch rows, and {@link #g}'s other rows are left as they are.
     */
    void forward(float[] p, float[] x, int xOff, int xStride, int[] ids, int n, byte[] mask, int totalExperts) {
        this.ids = ids;
        this.n = n;
        logits.forward(p, x, xOff, xStride, z, 0, k, n);
        for (int i = 0; i < n; i++) {
            int r = ids == null ? i : ids[i];
            softmaxRow(i, r, mask, totalExperts);
            mixRow(i, r);
        }
    }

    private void mixRow(int i, int r) {
        int m = i * width;
        java.util.Arrays.fill(mix, m, m + width, 0f);
        for (int c = 0; c < k; c++) {
            float gc = g[r * k + c];
            if (gc == 0f) {
                continue;
            }
            ExpertGroup grp = groups[c];
            int src = expertRow(grp, i, r) + index[c] * width;
            float[] e = grp.output();
            for (int j = 0; j < width; j++) {
                mix[m + j] += gc * e[src + j];
            }
        }
    }

    /** Where row {@code i} (batch row {@code r}) of group {@code grp}'s output starts. */
    private static int expertRow(ExpertGroup grp, int i, int r) {
        return (grp.compact ? i : r) * grp.stride();
    }

    /** {@code g} at batch row {@code r} from the logits of row {@code i}. */
    private void softmaxRow(int i, int r, byte[] mask, int totalExperts) {
        int zBase = i * k;
        int base = r * k;
        boolean anyKept = false;
        if (mask != null) {
            for (int c = 0; c < k; c++) {
                anyKept |= kept(mask, r, totalExperts, c);
            }
        }
        boolean useMask = mask != null && anyKept;
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            if (!useMask || kept(mask, r, totalExperts, c)) {
                max = Math.max(max, z[zBase + c] / tau);
            }
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            double e = (!useMask || kept(mask, r, totalExperts, c)) ? Math.exp(z[zBase + c] / tau - max) : 0.0;
            g[base + c] = (float) e;
            sum += e;
        }
        float inv = (float) (1.0 / sum);
        for (int c = 0; c < k; c++) {
            g[base + c] *= inv;
        }
    }

    private boolean kept(byte[] mask, int r, int totalExperts, int c) {
        return mask[r * totalExperts + groups[c].firstId + index[c]] != 0;
    }

    /**
     * Backpropagates {@link #dmix} into the experts' output gradients and into {@code dx}, over the rows
     * of the last forward pass ({@code x} and {@code dx} laid out as that pass's {@code x}).
     */
    void backward(float[] p, float[] grads, float[] x, int xOff, int xStride, float[] dx, int dxOff, int dxStride) {
        for (int i = 0; i < n; i++) {
            backwardRow(i, ids == null ? i : ids[i]);
        }
        logits.backward(p, grads, x, xOff, xStride, z, 0, k, dz, 0, k, dx, dxOff, dxStride, n);
    }

    /** {@code dz} of row {@code i} (batch row {@code r}), and its share of the experts' output gradients. */
    private void backwardRow(int i, int r) {
        int m = i * width;
        double weighted = 0;
        for (int c = 0; c < k; c++) {
            ExpertGroup grp = groups[c];
            int src = expertRow(grp, i, r) + index[c] * width;
            float[] e = grp.output();
            float[] de = grp.outputGrad();
            float gc = g[r * k + c];
            float dot = 0f;
            for (int j = 0; j < width; j++) {
                dot += dmix[m + j] * e[src + j];
                de[src + j] += gc * dmix[m + j];
            }
            dz[i * k + c] = dot;
            weighted += (double) gc * dot;
        }
        for (int c = 0; c < k; c++) {
            dz[i * k + c] = (float) (g[r * k + c] * (dz[i * k + c] - weighted) / tau);
        }
    }
}

package dev.tributary.model;

/**
 * A fully connected layer {@code y = x·W + b}, optionally followed by ReLU, on row-major batches.
 * {@code W} is {@code in × out}. Inputs and outputs may be column slices of wider buffers (row
 * strides), which is how fused experts read and write their parts.
 *
 * <p>The backward pass uses {@code dx = dy·Wᵀ}; {@code Wᵀ} is copied into a scratch buffer first so
 * that every product streams contiguous rows.
 */
public final class Dense {
    final int in;
    final int out;
    final boolean relu;
    final int wOff;
    final int bOff;
    private final Kernels kernels;
    private final float[] wt;

    public Dense(ParamLayout layout, String name, int in, int out, boolean relu, Kernels kernels) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException(name + ": layer sizes must be positive, found " + in + "x" + out);
        }
        this.in = in;
        this.out = out;
        this.relu = relu;
        this.kernels = kernels;
        this.wOff = layout.add(name + ".W", in * out,
                relu ? ParamLayout.Init.HE_NORMAL : ParamLayout.Init.XAVIER_UNIFORM, in, out);
        this.bOff = layout.add(name + ".b", out, ParamLayout.Init.ZERO, in, out);
        this.wt = new float[in * out];
    }

    public int in() {
        return in;
    }

    public int out() {
        return out;
    }

    /** Multiply-adds of one row's forward pass. */
    public long macs() {
        return (long) in * out;
    }

    /** {@code y[r] = act(x[r]·W + b)} for {@code rows} rows. */
    public void forward(float[] p, float[] x, int xOff, int xStride, float[] y, int yOff, int yStride, int rows) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(p, bOff, y, yOff + r * yStride, out);
        }
        kernels.gemm(rows, out, in, x, xOff, xStride, 1, p, wOff, out, y, yOff, yStride, true);
        if (relu) {
            for (int r = 0; r < rows; r++) {
                int row = yOff + r * yStride;
                for (int j = 0; j < out; j++) {
                    y[row + j] = Math.max(y[row + j], 0f);
                }
            }
        }
    }

    /**
     * Accumulates {@code dW}, {@code db} into {@code g} and, when {@code dx != null}, {@code dy·Wᵀ} into
     * {@code dx}. {@code dy} is overwritten with the gradient before the activation.
     *
     * @param y the forward output (used for the ReLU mask)
     */
    public void backward(float[] p, float[] g, float[] x, int xOff, int xStride, float[] y, int yOff, int yStride,
                         float[] dy, int dyOff, int dyStride, float[] dx, int dxOff, int dxStride, int rows) {
        if (relu) {
            reluMask(y, yOff, yStride, dy, dyOff, dyStride, rows);
        }
        // dW (in×out) += xᵀ (in×rows) · dy (rows×out)
        kernels.gemm(in, out, rows, x, xOff, 1, xStride, dy, dyOff, dyStride, g, wOff, out, true);
        for (int r = 0; r < rows; r++) {
            int dr = dyOff + r * dyStride;
            for (int j = 0; j < out; j++) {
                g[bOff + j] += dy[dr + j];
            }
        }
        if (dx != null) {
            for (int i = 0; i < in; i++) {
                for (int j = 0; j < out; j++) {
                    wt[j * in + i] = p[wOff + i * out + j];
                }
            }
            kernels.gemm(rows, in, out, dy, dyOff, dyStride, 1, wt, 0, in, dx, dxOff, dxStride, true);
        }
    }

    /**
     * {@code dy = 0} where the unit was off ({@code y == 0}), without a branch: half the units of a
     * ReLU layer are off, in no order a predictor can learn, and the branch was this layer's hottest
     * line. {@code y = max(z, 0)} is never negative (not even -0), so its bits are 0 exactly when the
     * unit was off; {@code (bits + 0x7fffffff) >> 31} is then 0, else all ones (NaN keeps dy, as before).
     */
    private void reluMask(float[] y, int yOff, int yStride, float[] dy, int dyOff, int dyStride, int rows) {
        for (int r = 0; r < rows; r++) {
            int yr = yOff + r * yStride;
            int dr = dyOff + r * dyStride;
            for (int j = 0; j < out; j++) {
                int keep = (Float.floatToRawIntBits(y[yr + j]) + 0x7fffffff) >> 31;
                dy[dr + j] = Float.intBitsToFloat(Float.floatToRawIntBits(dy[dr + j]) & keep);
            }
        }
    }
}

package dev.tributary.model;

import java.util.List;

/**
 * A stack of {@link Dense} layers: ReLU hidden layers, optionally followed by a linear output layer.
 * Owns its activation and gradient buffers, sized for a batch capacity. An MLP with no layers is the
 * identity and must not be used (callers check {@link #isEmpty()}).
 */
final class Mlp {
    final Dense[] layers;
    final int in;
    private float[][] acts;
    private float[][] grads;

    /**
     * @param finalOut width of a linear output layer, or 0 for none
     */
    Mlp(ParamLayout layout, String prefix, int in, List<Integer> hidden, int finalOut, Kernels kernels) {
        this.in = in;
        int n = hidden.size() + (finalOut > 0 ? 1 : 0);
        layers = new Dense[n];
        int width = in;
        for (int i = 0; i < hidden.size(); i++) {
            layers[i] = new Dense(layout, prefix + "." + i, width, hidden.get(i), true, kernels);
            width = hidden.get(i);
        }
        if (finalOut > 0) {
            layers[n - 1] = new Dense(layout, prefix + "." + (n - 1), width, finalOut, false, kernels);
        }
        allocate(1);
    }

    boolean isEmpty() {
        return layers.length == 0;
    }

    int out() {
        return layers.length == 0 ? in : layers[layers.length - 1].out;
    }

    long macs() {
        long m = 0;
        for (Dense d : layers) {
            m += d.macs();
        }
        return m;
    }

    void allocate(int capacity) {
        acts = new float[layers.length][];
        grads = new float[layers.length][];
        for (int i = 0; i < layers.length; i++) {
            acts[i] = new float[capacity * layers[i].out];
            grads[i] = new float[capacity * layers[i].out];
        }
    }

    /** The last layer's activations ({@code rows × out()}, contiguous). */
    float[] output() {
        return acts[layers.length - 1];
    }

    /** Where the caller writes {@code dLoss/dOutput} before {@link #backward}. */
    float[] outputGrad() {
        return grads[layers.length - 1];
    }

    void forward(float[] p, float[] x, int xOff, int xStride, int rows) {
        float[] src = x;
        int off = xOff;
        int stride = xStride;
        for (int i = 0; i < layers.length; i++) {
            layers[i].forward(p, src, off, stride, acts[i], 0, layers[i].out, rows);
            src = acts[i];
            off = 0;
            stride = layers[i].out;
        }
    }

    /** Backpropagates {@link #outputGrad()}; accumulates into {@code g} and, if non-null, {@code dx}. */
    void backward(float[] p, float[] g, float[] x, int xOff, int xStride, float[] dx, int dxOff, int dxStride,
                  int rows) {
        for (int i = layers.length - 1; i >= 0; i--) {
            Dense d = layers[i];
            boolean first = i == 0;
            float[] src = first ? x : acts[i - 1];
            int srcOff = first ? xOff : 0;
            int srcStride = first ? xStride : layers[i - 1].out;
            float[] dsrc = first ? dx : grads[i - 1];
            if (!first) {
                java.util.Arrays.fill(grads[i - 1], 0, rows * layers[i - 1].out, 0f);
            }
            d.backward(p, g, src, srcOff, srcStride, acts[i], 0, d.out, grads[i], 0, d.out,
                    dsrc, first ? dxOff : 0, first ? dxStride : layers[i - 1].out, rows);
        }
    }
}

package dev.tributary.model;

import dev.tributary.features.Batch;
import dev.tributary.features.InputShape;
import java.util.List;

/**
 * The bottom every shared family starts with: the input layer (numeric features and embedding
 * lookups) and the shared encoder above it, with their activation and gradient buffers. Its output,
 * {@link #output()}, is what the experts or towers read; they add their gradient into
 * {@link #outputGrad()} before {@link #backward}.
 */
final class SharedInput {
    final InputLayer input;
    final Mlp encoder;
    private float[] x;
    private float[] dx;
    private float[] dh;

    SharedInput(ParamLayout layout, InputShape shape, List<Integer> encoderWidths, Kernels kernels) {
        input = new InputLayer(layout, "input.", shape);
        encoder = new Mlp(layout, "encoder", input.width, encoderWidths, 0, kernels);
    }

    /** Width of the shared representation. */
    int width() {
        return encoder.out();
    }

    void allocate(int capacity) {
        x = new float[capacity * input.width];
        dx = new float[capacity * input.width];
        dh = new float[capacity * encoder.out()];
        encoder.allocate(capacity);
    }

    void forward(float[] p, Batch batch, int rows) {
        input.forward(p, batch, x, rows);
        if (!encoder.isEmpty()) {
            encoder.forward(p, x, 0, input.width, rows);
        }
    }

    /** The shared representation of the last forward pass, rows × {@link #width()}. */
    float[] output() {
        return encoder.isEmpty() ? x : encoder.output();
    }

    /** Where the layers above accumulate the gradient of {@link #output()}. */
    float[] outputGrad() {
        return encoder.isEmpty() ? dx : dh;
    }

    /**
     * The backward pass below the shared representation: the encoder and the input layer's embeddings.
     * Without embeddings nothing below the encoder learns, so the input gradient is not computed. The
     * embedding rows written are marked in {@code touched}.
     */
    void backward(float[] p, float[] g, Batch batch, int rows, TouchedRows touched) {
        boolean embeddings = input.hasEmbeddings();
        if (!encoder.isEmpty()) {
            System.arraycopy(dh, 0, encoder.outputGrad(), 0, rows * encoder.out());
            if (embeddings) {
                AbstractNetwork.zero(dx, rows * input.width);
            }
            encoder.backward(p, g, x, 0, input.width, embeddings ? dx : null, 0, input.width, rows);
        }
        if (embeddings) {
            input.backward(g, batch, dx, rows, touched);
        }
    }
}

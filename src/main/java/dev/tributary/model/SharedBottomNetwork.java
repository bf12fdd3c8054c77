package dev.tributary.model;

import dev.tributary.features.InputShape;
import dev.tributary.features.Batch;
import dev.tributary.util.Rng;

import java.util.List;

/**
 * Hard parameter sharing (Caruana, "Multitask Learning", Machine Learning 28, 1997): one encoder for
 * all tasks, then one tower per task.
 */
final class SharedBottomNetwork extends AbstractNetwork {
    private final InputLayer input;
    private final Mlp encoder;
    private final Mlp[] towers;
    private float[] x;
    private float[] dx;
    private float[] dh;

    SharedBottomNetwork(InputShape shape, List<Integer> encoderWidths, List<Integer> tower, String[] taskNames,
                        int[] outputs, Kernels kernels) {
        super(taskNames, outputs, kernels);
        input = new InputLayer(layout, "input.", shape);
        encoder = new Mlp(layout, "encoder", input.width, encoderWidths, 0, kernels);
        towers = new Mlp[outputs.length];
        for (int t = 0; t < outputs.length; t++) {
            towers[t] = new Mlp(layout, "tower." + taskNames[t], encoder.out(), tower, outputs[t], kernels);
        }
        ensureCapacity(1);
    }

    @Override
    void allocate(int capacity) {
        x = new float[capacity * input.width];
        dx = new float[capacity * input.width];
        dh = new float[capacity * encoder.out()];
        encoder.allocate(capacity);
        for (Mlp t : towers) {
            t.allocate(capacity);
        }
    }

    private float[] shared() {
        return encoder.isEmpty() ? x : encoder.output();
    }

    @Override
    public void forward(float[] p, Batch batch, boolean training, Rng rng) {
        int rows = batch.rows();
        ensureCapacity(rows);
        input.forward(p, batch, x, rows);
        if (!encoder.isEmpty()) {
            encoder.forward(p, x, 0, input.width, rows);
        }
        float[] h = shared();
        for (int t = 0; t < towers.length; t++) {
            towers[t].forward(p, h, 0, encoder.out(), rows);
            System.arraycopy(towers[t].output(), 0, out[t], 0, rows * outputs[t]);
        }
    }

    @Override
    public void backward(float[] p, float[] g, Batch batch) {
        int rows = batch.rows();
        int w = encoder.out();
        float[] h = shared();
        float[] dShared = encoder.isEmpty() ? dx : dh;
        zero(dShared, rows * w);
        for (int t = 0; t < towers.length; t++) {
            System.arraycopy(outGrad[t], 0, towers[t].outputGrad(), 0, rows * outputs[t]);
            towers[t].backward(p, g, h, 0, w, dShared, 0, w, rows);
        }
        if (!encoder.isEmpty()) {
            System.arraycopy(dh, 0, encoder.outputGrad(), 0, rows * w);
            zero(dx, rows * input.width);
            encoder.backward(p, g, x, 0, input.width, dx, 0, input.width, rows);
        }
        input.backward(g, batch, dx, rows);
    }

    @Override
    public int[] lastSharedRange() {
        if (!encoder.isEmpty()) {
            Dense last = encoder.layers[encoder.layers.length - 1];
            return new int[]{last.wOff, last.in * last.out};
        }
        if (input.tableOff.length == 0) {
            return null;
        }
        // Without an encoder only the embedding tables are shared; they are laid out first.
        ParamLayout.Block lastTable = layout.block("input.embedding." + (input.tableOff.length - 1));
        return new int[]{0, lastTable.offset() + lastTable.size()};
    }

    @Override
    public long macsPerRow() {
        long m = encoder.macs();
        for (Mlp t : towers) {
            m += t.macs();
        }
        return m;
    }
}

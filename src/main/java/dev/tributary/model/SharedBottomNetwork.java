package dev.tributary.model;

import dev.tributary.features.InputShape;
import dev.tributary.features.Batch;
import dev.tributary.util.Rng;

import java.util.List;

/**
 * Hard parameter sharing (Caruana, "Multitask Learning", Machine Learning 28, 1997): one encoder for
 * all tasks, then one tower per task, which runs over its own task's rows only.
 */
final class SharedBottomNetwork extends AbstractNetwork {
    private final InputLayer input;
    private final Mlp encoder;
    private final TaskHead[] heads;
    private float[] x;
    private float[] dx;
    private float[] dh;

    SharedBottomNetwork(InputShape shape, List<Integer> encoderWidths, List<Integer> tower, String[] taskNames,
                        int[] outputs, Kernels kernels) {
        super(taskNames, outputs, kernels);
        input = new InputLayer(layout, "input.", shape);
        encoder = new Mlp(layout, "encoder", input.width, encoderWidths, 0, kernels);
        heads = new TaskHead[outputs.length];
        for (int t = 0; t < outputs.length; t++) {
            Mlp towerMlp = new Mlp(layout, "tower." + taskNames[t], encoder.out(), tower, outputs[t], kernels);
            heads[t] = new TaskHead(towerMlp, null, null, encoder.out(), outputs[t]);
        }
        ensureCapacity(1);
    }

    @Override
    void allocate(int capacity) {
        x = new float[capacity * input.width];
        dx = new float[capacity * input.width];
        dh = new float[capacity * encoder.out()];
        encoder.allocate(capacity);
        for (TaskHead h : heads) {
            h.allocate(capacity);
        }
    }

    private float[] shared() {
        return encoder.isEmpty() ? x : encoder.output();
    }

    @Override
    public void forward(float[] p, Batch batch, boolean training, Rng rng) {
        int rows = batch.rows();
        ensureCapacity(rows);
        indexTasks(batch);
        input.forward(p, batch, x, rows);
        if (!encoder.isEmpty()) {
            encoder.forward(p, x, 0, input.width, rows);
        }
        for (int t = 0; t < heads.length; t++) {
            heads[t].forward(p, shared(), rows, taskRows[t], taskRowCount[t], null, 0, out[t]);
        }
    }

    @Override
    public void backward(float[] p, float[] g, Batch batch) {
        int rows = batch.rows();
        int w = encoder.out();
        float[] dShared = encoder.isEmpty() ? dx : dh;
        zero(dShared, rows * w);
        for (int t = 0; t < heads.length; t++) {
            heads[t].backward(p, g, outGrad[t], taskRows[t], taskRowCount[t], dShared);
        }
        backwardEncoderAndInput(p, g, batch, input, encoder, x, dh, dx, rows);
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

    /** The encoder plus one tower: the mean over tasks, as for a batch with equally many rows of each task. */
    @Override
    public long macsPerRow() {
        long towers = 0;
        for (TaskHead h : heads) {
            towers += h.macs();
        }
        return encoder.macs() + Math.round((double) towers / heads.length);
    }
}

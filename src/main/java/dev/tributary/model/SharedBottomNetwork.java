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
    private final SharedInput bottom;
    private final TaskHead[] heads;

    SharedBottomNetwork(InputShape shape, List<Integer> encoderWidths, List<Integer> tower, String[] taskNames,
                        int[] outputs, Kernels kernels) {
        super(taskNames, outputs, kernels);
        bottom = new SharedInput(layout, shape, encoderWidths, kernels);
        heads = new TaskHead[outputs.length];
        for (int t = 0; t < outputs.length; t++) {
            Mlp towerMlp = new Mlp(layout, "tower." + taskNames[t], bottom.width(), tower, outputs[t], kernels);
            heads[t] = new TaskHead(towerMlp, null, null, bottom.width(), outputs[t]);
        }
        ensureCapacity(1);
    }

    @Override
    void allocate(int capacity) {
        bottom.allocate(capacity);
        for (TaskHead h : heads) {
            h.allocate(capacity);
        }
    }

    @Override
    public void forward(float[] p, Batch batch, boolean training, Rng rng) {
        int rows = startBatch(batch);
        bottom.forward(p, batch, rows);
        for (int t = 0; t < heads.length; t++) {
            heads[t].forward(p, bottom.output(), rows, taskRows[t], taskRowCount[t], null, 0, out[t]);
        }
    }

    @Override
    public void backward(float[] p, float[] g, Batch batch) {
        int rows = batch.rows();
        float[] dShared = bottom.outputGrad();
        zero(dShared, rows * bottom.width());
        for (int t = 0; t < heads.length; t++) {
            heads[t].backward(p, g, outGrad[t], taskRows[t], taskRowCount[t], dShared);
        }
        bottom.backward(p, g, batch, rows, touchedRows());
    }

    @Override
    public int[] lastSharedRange() {
        Mlp encoder = bottom.encoder;
        if (!encoder.isEmpty()) {
            Dense last = encoder.layers[encoder.layers.length - 1];
            return new int[]{last.wOff, last.in * last.out};
        }
        if (bottom.input.tableOff.length == 0) {
            return null;
        }
        // Without an encoder only the embedding tables are shared; they are laid out first.
        ParamLayout.Block lastTable = layout.block("input.embedding." + (bottom.input.tableOff.length - 1));
        return new int[]{0, lastTable.offset() + lastTable.size()};
    }

    /** The encoder plus one tower: the mean over tasks, as for a batch with equally many rows of each task. */
    @Override
    public long macsPerRow() {
        long towers = 0;
        for (TaskHead h : heads) {
            towers += h.macs();
        }
        return bottom.encoder.macs() + Math.round((double) towers / heads.length);
    }
}

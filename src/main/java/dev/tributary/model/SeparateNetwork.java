package dev.tributary.model;

import dev.tributary.features.InputShape;
import dev.tributary.features.Batch;
import dev.tributary.util.Rng;

import java.util.List;

/**
 * One complete network per task (its own embeddings, encoder and tower). With {@code tieL2 = 0} it is
 * the single-task baseline: no sharing at all, which is what makes negative transfer visible. With
 * {@code tieL2 > 0} it is soft parameter sharing (Duong et al., "Low Resource Dependency Parsing:
 * Cross-lingual Parameter Sharing in a Neural Network Parser", ACL 2015): the tasks' bottoms
 * (embeddings and encoder) are pulled together by {@code λ·Σ_{s<t} ||θ_s − θ_t||²}.
 *
 * <p>Each task's network runs over its own task's rows only (compactly, in the order of the task's row
 * list); rows of no task are not computed at all.
 */
final class SeparateNetwork extends AbstractNetwork {
    private final InputLayer[] inputs;
    private final Mlp[] encoders;
    private final Mlp[] towers;
    private final int[] bottomStart;
    private final int bottomLength;
    private final double tieL2;
    private float[][] x;
    private float[][] dx;
    private float[][] dh;

    SeparateNetwork(InputShape shape, List<Integer> encoderWidths, List<Integer> tower, double tieL2,
                    String[] taskNames, int[] outputs, Kernels kernels) {
        super(taskNames, outputs, kernels);
        if (tieL2 < 0) {
            throw new IllegalArgumentException("softSharingL2 must be non-negative, found " + tieL2);
        }
        this.tieL2 = tieL2;
        int tasks = outputs.length;
        inputs = new InputLayer[tasks];
        encoders = new Mlp[tasks];
        towers = new Mlp[tasks];
        bottomStart = new int[tasks];
        int length = -1;
        for (int t = 0; t < tasks; t++) {
            String pre = "task." + taskNames[t] + ".";
            bottomStart[t] = layout.size();
            inputs[t] = new InputLayer(layout, pre + "input.", shape);
            encoders[t] = new Mlp(layout, pre + "encoder", inputs[t].width, encoderWidths, 0, kernels);
            length = layout.size() - bottomStart[t];
            towers[t] = new Mlp(layout, "tower." + taskNames[t], encoders[t].out(), tower, outputs[t], kernels);
        }
        bottomLength = length;
        ensureCapacity(1);
    }

    @Override
    void allocate(int capacity) {
        int tasks = outputs.length;
        x = new float[tasks][];
        dx = new float[tasks][];
        dh = new float[tasks][];
        for (int t = 0; t < tasks; t++) {
            x[t] = new float[capacity * inputs[t].width];
            dx[t] = new float[capacity * inputs[t].width];
            dh[t] = new float[capacity * encoders[t].out()];
            encoders[t].allocate(capacity);
            towers[t].allocate(capacity);
        }
    }

    @Override
    public void forward(float[] p, Batch batch, boolean training, Rng rng) {
        int rows = startBatch(batch);
        for (int t = 0; t < outputs.length; t++) {
            java.util.Arrays.fill(out[t], 0, rows * outputs[t], Float.NaN);
            int n = taskRowCount[t];
            if (n == 0) {
                continue;
            }
            inputs[t].forward(p, batch, x[t], taskRows[t], n);
            float[] h = x[t];
            if (!encoders[t].isEmpty()) {
                encoders[t].forward(p, x[t], 0, inputs[t].width, n);
                h = encoders[t].output();
            }
            towers[t].forward(p, h, 0, encoders[t].out(), n);
            Rows.scatter(towers[t].output(), outputs[t], taskRows[t], n, out[t]);
        }
    }

    @Override
    public void backward(float[] p, float[] g, Batch batch) {
        for (int t = 0; t < outputs.length; t++) {
            int n = taskRowCount[t];
            if (n == 0) {
                continue;
            }
            int w = encoders[t].out();
            boolean enc = !encoders[t].isEmpty();
            float[] h = enc ? encoders[t].output() : x[t];
            float[] dShared = enc ? dh[t] : dx[t];
            zero(dShared, n * w);
            Rows.gather(outGrad[t], outputs[t], taskRows[t], n, towers[t].outputGrad());
            towers[t].backward(p, g, h, 0, w, dShared, 0, w, n);
            if (enc) {
                System.arraycopy(dh[t], 0, encoders[t].outputGrad(), 0, n * w);
                zero(dx[t], n * inputs[t].width);
                encoders[t].backward(p, g, x[t], 0, inputs[t].width, dx[t], 0, inputs[t].width, n);
            }
            inputs[t].backward(g, batch, dx[t], taskRows[t], n, touchedRows());
        }
    }

    @Override
    public double regularize(float[] p, float[] g, boolean touchedRowsOnly) {
        int tasks = outputs.length;
        if (tieL2 == 0 || tasks < 2 || bottomLength == 0) {
            return 0.0;
        }
        if (!touchedRowsOnly) {
            return tieL2 * tasks * tie(p, g, 0, bottomLength);
        }
        // The bottom of task 0 minus its tables, then each table row some task's batch touched, tied
        // in every task's table (and so marked there too).
        InputLayer in0 = inputs[0];
        double penalty = 0;
        int at = 0;
        for (int f = 0; f < in0.tableOff.length; f++) {
            int table = in0.tableOff[f] - bottomStart[0];
            penalty += tie(p, g, at, table);
            at = table + in0.buckets[f] * in0.dims[f];
        }
        penalty += tie(p, g, at, bottomLength);
        TouchedRows touched = touchedRows();
        for (int f = 0; f < in0.tableOff.length; f++) {
            for (int t = 0; t < tasks; t++) {
                int table = inputs[t].table[f];
                for (int i = 0, n = touched.count(table); i < n; i++) {
                    int row = touched.row(table, i);
                    for (int u = 0; u < tasks; u++) {
                        touched.mark(inputs[u].table[f], row);
                    }
                }
            }
            int table = inputs[0].table[f];
            for (int i = 0, n = touched.count(table); i < n; i++) {
                int from = in0.tableOff[f] - bottomStart[0] + touched.row(table, i) * in0.dims[f];
                penalty += tie(p, g, from, from + in0.dims[f]);
            }
        }
        return tieL2 * tasks * penalty;
    }

    /**
     * Σ_{s<t} ||θ_s − θ_t||² = T·Σ_t ||θ_t − θ̄||² over bottom positions {@code [from, to)}, whose gradient
     * for θ_t is 2λT(θ_t − θ̄), added to {@code g}; returns Σ_t ||θ_t − θ̄||² there.
     */
    private double tie(float[] p, float[] g, int from, int to) {
        int tasks = outputs.length;
        double penalty = 0;
        double scale = 2 * tieL2 * tasks;
        for (int i = from; i < to; i++) {
            double mean = 0;
            for (int t = 0; t < tasks; t++) {
                mean += p[bottomStart[t] + i];
            }
            mean /= tasks;
            for (int t = 0; t < tasks; t++) {
                double d = p[bottomStart[t] + i] - mean;
                penalty += d * d;
                g[bottomStart[t] + i] += (float) (scale * d);
            }
        }
        return penalty;
    }

    @Override
    public int[] lastSharedRange() {
        return null;
    }

    /** Each task owns its whole network: its embeddings, encoder and tower. */
    @Override
    public java.util.List<ParamLayout.Block> taskBlocks(int task) {
        return layout.blocksWithPrefix("task." + taskNames[task] + ".", "tower." + taskNames[task] + ".");
    }

    /** One task's network: the mean over tasks, as for a batch with equally many rows of each task. */
    @Override
    public long macsPerRow() {
        long m = 0;
        for (int t = 0; t < outputs.length; t++) {
            m += encoders[t].macs() + towers[t].macs();
        }
        return Math.round((double) m / outputs.length);
    }
}

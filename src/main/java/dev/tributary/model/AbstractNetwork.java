package dev.tributary.model;

import dev.tributary.features.Batch;

/**
 * Buffers and bookkeeping every family shares: batch capacity, per-task output buffers, and each
 * task's row list of the current batch (the rows its task-specific parts run over).
 */
abstract class AbstractNetwork implements MultiTaskNetwork {
    final ParamLayout layout = new ParamLayout();
    final Kernels kernels;
    final int[] outputs;
    final String[] taskNames;
    float[][] out;
    float[][] outGrad;
    /** {@code taskRows[t][0 .. taskRowCount[t])}: the batch rows of task {@code t}, ascending. */
    int[][] taskRows;
    int[] taskRowCount;
    private int capacity;

    AbstractNetwork(String[] taskNames, int[] outputs, Kernels kernels) {
        if (outputs.length == 0) {
            throw new IllegalArgumentException("a network needs at least one task");
        }
        if (taskNames.length != outputs.length) {
            throw new IllegalArgumentException(taskNames.length + " task names for " + outputs.length + " tasks");
        }
        this.taskNames = taskNames.clone();
        this.outputs = outputs.clone();
        this.kernels = kernels;
        this.taskRowCount = new int[outputs.length];
    }

    @Override
    public ParamLayout layout() {
        return layout;
    }

    @Override
    public int taskCount() {
        return outputs.length;
    }

    @Override
    public int outputs(int task) {
        return outputs[task];
    }

    /** Towers are named {@code tower.<task>.<layer>} in every family. */
    @Override
    public java.util.List<ParamLayout.Block> towerBlocks(int task) {
        return layout.blocksWithPrefix("tower." + taskNames[task] + ".");
    }

    @Override
    public java.util.List<ParamLayout.Block> taskBlocks(int task) {
        return towerBlocks(task);
    }

    @Override
    public float[] output(int task) {
        return out[task];
    }

    @Override
    public float[] outputGrad(int task) {
        return outGrad[task];
    }

    /** Grows every buffer to hold {@code rows} rows. */
    final void ensureCapacity(int rows) {
        if (rows <= capacity) {
            return;
        }
        capacity = Math.max(rows, Math.max(capacity * 2, 8));
        out = new float[outputs.length][];
        outGrad = new float[outputs.length][];
        taskRows = new int[outputs.length][capacity];
        for (int t = 0; t < outputs.length; t++) {
            out[t] = new float[capacity * outputs[t]];
            outGrad[t] = new float[capacity * outputs[t]];
        }
        allocate(capacity);
    }

    /**
     * Lists each task's rows of {@code batch}; rows with a negative task (masked rows) belong to none.
     * Call after {@link #ensureCapacity}.
     */
    final void indexTasks(Batch batch) {
        java.util.Arrays.fill(taskRowCount, 0);
        for (int r = 0; r < batch.rows(); r++) {
            int t = batch.task[r];
            if (t >= outputs.length) {
                throw new IllegalArgumentException("row " + r + " has task " + t + ", but the network has "
                        + outputs.length + " tasks");
            }
            if (t >= 0) {
                taskRows[t][taskRowCount[t]++] = r;
            }
        }
    }

    /** Allocates the family's own buffers for {@code capacity} rows. */
    abstract void allocate(int capacity);

    /**
     * The backward pass below the shared representation: the encoder (its output gradient in {@code dh};
     * none when it has no layers, and then {@code dx} already holds it) and the input layer's embeddings.
     * Without embeddings nothing below the encoder learns, so the input gradient is not computed.
     */
    static void backwardEncoderAndInput(float[] p, float[] g, Batch batch, InputLayer input, Mlp encoder, float[] x,
                                        float[] dh, float[] dx, int rows) {
        boolean embeddings = input.hasEmbeddings();
        if (!encoder.isEmpty()) {
            System.arraycopy(dh, 0, encoder.outputGrad(), 0, rows * encoder.out());
            if (embeddings) {
                zero(dx, rows * input.width);
            }
            encoder.backward(p, g, x, 0, input.width, embeddings ? dx : null, 0, input.width, rows);
        }
        if (embeddings) {
            input.backward(g, batch, dx, rows);
        }
    }

    static void zero(float[] a, int n) {
        java.util.Arrays.fill(a, 0, n, 0f);
    }
}

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
    private TouchedRows touched;

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
    public final TouchedRows touchedRows() {
        if (touched == null) {
            touched = new TouchedRows(layout);
        }
        return touched;
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
     * Readies the buffers for {@code batch} and lists each task's rows of it ({@link #taskRows}); rows
     * with a negative task (masked rows) belong to none. Returns the batch's row count.
     */
    final int startBatch(Batch batch) {
        ensureCapacity(batch.rows());
        indexTasks(batch);
        return batch.rows();
    }

    private void indexTasks(Batch batch) {
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

    static void zero(float[] a, int n) {
        java.util.Arrays.fill(a, 0, n, 0f);
    }
}

package dev.tributary.model;

import dev.tributary.features.Batch;
import dev.tributary.util.Rng;

/**
 * A multi-task network over one flat parameter buffer: one forward pass computes each row's raw
 * outputs (logits, or the standardised regression value) for the row's own task; one backward pass
 * turns the caller's output gradients into parameter gradients.
 *
 * <p>A row belongs to one task, {@code batch.task[r]} (a negative task marks a row of no task, which
 * carries no loss), and only that task's outputs are computed for it: task {@code t}'s output buffer,
 * and its gate weights, are defined only at the rows with {@code batch.task[r] == t}. The buffers keep
 * the {@code rows × outputs} layout, so a caller reads row {@code r} at {@code r·outputs(t)}; the
 * other rows are undefined (the outputs there are NaN, so that a misread shows). Likewise
 * {@link #backward} reads task {@code t}'s output gradient only at task {@code t}'s rows.
 *
 * <p>Call order for a training step: {@link #forward} → write {@code dLoss/dOutput} into each
 * {@link #outputGrad(int)} (rows × outputs; read at task {@code t}'s rows only) →
 * {@link #backward}, which <em>accumulates</em> into {@code grads} (zero it first) → optionally
 * {@link #regularize}. For scoring, {@link #forward} with {@code training = false} and read
 * {@link #output(int)}. Buffers returned by {@code output}/{@code outputGrad} are owned by the network
 * and valid until the next forward pass. Not thread-safe.
 */
public interface MultiTaskNetwork {

    /** Where each parameter tensor lives in the flat buffers. */
    ParamLayout layout();

    /**
     * The embedding rows {@link #backward} (and {@link #regularize}) wrote gradient into since the
     * caller last cleared it; every other row of every table got none.
     */
    TouchedRows touchedRows();

    int taskCount();

    /** Raw outputs per row of task {@code task}: 1, or the class count for multiclass. */
    int outputs(int task);

    /**
     * Computes each row's outputs for its own task.
     *
     * @param training enables expert dropout (drawn from {@code rng}, which may be null when false)
     */
    void forward(float[] params, Batch batch, boolean training, Rng rng);

    /**
     * Task {@code task}'s raw outputs, {@code rows × outputs(task)}, after {@link #forward}: defined at
     * the rows of that task only.
     */
    float[] output(int task);

    /**
     * Task {@code task}'s output gradient buffer, {@code rows × outputs(task)}, written by the caller;
     * {@link #backward} reads it at the rows of that task only.
     */
    float[] outputGrad(int task);

    /** Accumulates the parameter gradients of the last forward pass into {@code grads}. */
    void backward(float[] params, float[] grads, Batch batch);

    /**
     * Adds the gradient of the family's own penalty (soft sharing's L2 tie) to {@code grads} and
     * returns the penalty's value; 0 for families without one.
     */
    default double regularize(float[] params, float[] grads) {
        return regularize(params, grads, false);
    }

    /**
     * As {@link #regularize(float[], float[])}; with {@code touchedRowsOnly} the penalty of an embedding
     * table covers only the rows marked in {@link #touchedRows()} (in any task's table), and marks the
     * rows it writes: the lazy embedding update's cost stays that of the rows a batch touches.
     */
    default double regularize(float[] params, float[] grads, boolean touchedRowsOnly) {
        return 0.0;
    }

    /**
     * The parameter range {@code [offset, offset + length)} of the last layer shared by all tasks,
     * on which GradNorm measures per-task gradient norms; {@code null} when nothing is shared.
     */
    int[] lastSharedRange();

    /** Number of experts a task's gate mixes (at the last level), 0 for families without gates. */
    default int gateWidth(int task) {
        return 0;
    }

    /**
     * Task {@code task}'s gate weights at the last level, {@code rows × gateWidth(task)}, after forward:
     * defined at the rows of that task only.
     */
    default float[] gateWeights(int task) {
        throw new UnsupportedOperationException("this family has no gates");
    }

    /** The parameter blocks of task {@code task}'s tower: its hidden layers and its output layer. */
    java.util.List<ParamLayout.Block> towerBlocks(int task);

    /**
     * Every parameter block that influences only task {@code task}'s outputs: its tower and, depending
     * on the family, its own gates, experts or whole bottom. The blocks of no task are the shared
     * parameters.
     */
    java.util.List<ParamLayout.Block> taskBlocks(int task);

    /**
     * Multiply-adds of one row's forward pass (through the parts shared by all rows and one task's own
     * parts, averaged over tasks), for FLOP accounting in benchmarks.
     */
    long macsPerRow();
}

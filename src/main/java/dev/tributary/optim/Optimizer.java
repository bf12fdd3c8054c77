package dev.tributary.optim;

import dev.tributary.spec.OptimizerSpec;
import dev.tributary.util.Stateful;

/**
 * An update rule over one flat parameter buffer. Call order per training step: compute
 * {@code grads} → {@link #step}. The optimizer's moments are flat buffers of the same length as the
 * parameters and are part of its {@link Stateful} state.
 */
public interface Optimizer extends Stateful {

    /**
     * Applies one update {@code params ← params − Δ(grads)} with the learning rate scaled by
     * {@code lrScale} (1 for the configured rate).
     */
    void step(float[] params, float[] grads, double lrScale);

    /**
     * The update of the parameters in {@code support} only, {@code grads} being zero elsewhere. A dense
     * range takes the step as {@link #step(float[], float[], double)} does; an embedding row takes it
     * as its own next update: Adam's bias correction uses the row's own update count, so a row touched
     * at every step is updated exactly as by the dense step, and a row no batch touched keeps its
     * value and moments (row-wise lazy Adam; for AdaGrad and plain SGD, whose update of a zero
     * gradient is zero, lazy and dense agree on every row). Weight decay and SGD momentum act on a row
     * when it is updated. With {@link ParamSupport#isAll()} it is the dense step.
     */
    void step(float[] params, float[] grads, double lrScale, ParamSupport support);

    /**
     * Starts counting each embedding row's updates (the lazy update needs them), with {@code tableRows}
     * rows per table; every row starts at {@link #steps()}, as if updated at every step so far.
     */
    void trackRows(int[] tableRows);

    /** Writes the per-row update counts (whether they are tracked, then the counts). */
    void writeRowSteps(java.io.DataOutput out) throws java.io.IOException;

    /** Reads what {@link #writeRowSteps} wrote; counts not stored are {@link #assumeDenseHistory assumed}. */
    void readRowSteps(java.io.DataInput in) throws java.io.IOException;

    /** Sets every row's update count to {@link #steps()}: the state came from dense updates. */
    void assumeDenseHistory();

    /** Whether each embedding row's updates are counted ({@link #trackRows}, for a rule that needs them). */
    boolean tracksRows();

    /** The update count of row {@code row} of table {@code table}; only when {@link #tracksRows()}. */
    long rowUpdates(int table, int row);

    void setRowUpdates(int table, int row, long count);

    /** Sets the step count (restoring a checkpoint whose moments are read range by range). */
    void setSteps(long steps);

    /** Floats of per-parameter state per parameter (0 for plain SGD, 1 for AdaGrad, 2 for Adam). */
    int momentsPerParameter();

    /** Writes every moment's values at parameters {@code [from, to)}, moment after moment. */
    void writeRange(java.io.DataOutput out, int from, int to) throws java.io.IOException;

    /** Reads what {@link #writeRange} wrote for the same range. */
    void readRange(java.io.DataInput in, int from, int to) throws java.io.IOException;

    /**
     * Zeroes the optimizer's per-parameter state (moments, accumulators, velocity) of the parameters
     * {@code [offset, offset + length)}, as for freshly initialised parameters; the step count, and so
     * Adam's bias correction, is shared by all parameters and stays.
     */
    void resetState(int offset, int length);

    /** Updates applied so far. */
    long steps();

    static Optimizer create(OptimizerSpec spec, int size) {
        return switch (spec.type()) {
            case SGD -> new Sgd(spec, size);
            case ADAGRAD -> new AdaGrad(spec, size);
            case ADAM -> new Adam(spec, size);
        };
    }
}

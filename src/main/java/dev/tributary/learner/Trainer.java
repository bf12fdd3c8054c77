package dev.tributary.learner;

import dev.tributary.features.Batch;
import dev.tributary.model.MultiTaskNetwork;
import dev.tributary.model.TouchedRows;
import dev.tributary.optim.GradientClipper;
import dev.tributary.optim.LossWeighting;
import dev.tributary.optim.Optimizer;
import dev.tributary.optim.ParamSupport;
import dev.tributary.optim.TaskLoss;
import dev.tributary.spec.EmbeddingUpdate;
import dev.tributary.spec.TopologySpec;
import dev.tributary.util.Rng;

/**
 * One training step on one micro-batch: forward → per-task mean losses (each row counts only for its
 * own task) → loss weights → backward (for GradNorm, one backward per task so that each task's
 * gradient norm on the last shared layer is measured) → family penalty → clip → skip if non-finite →
 * optimizer step → let the weighting learn.
 *
 * <p>Per-task learning-rate multipliers ({@link #taskLrScale}, 1 by default; a drift reaction raises
 * one for a while) apply to the parameters that task owns alone ({@link MultiTaskNetwork#taskBlocks}),
 * by scaling the optimizer's update of those parameters: every optimizer's update is linear in its
 * learning rate, so this is exactly a larger learning rate there, whatever the update rule (scaling
 * the task's gradient instead would do almost nothing under Adam, which divides it out).
 *
 * <p>With lazy embedding updates ({@link EmbeddingUpdate#LAZY}) a step costs the rows its batch
 * touches, not the size of the tables: the gradient buffers are zero outside the dense layers between
 * steps, the backward pass marks the rows it writes ({@link TouchedRows}), and clipping, the optimizer
 * and the boost work on those rows and the dense layers only ({@link ParamSupport}); afterwards the
 * rows are zeroed again.
 */
final class Trainer {
    private final MultiTaskNetwork net;
    private final TaskLoss[] losses;
    private final Optimizer optimizer;
    private final GradientClipper clipper;
    private final LossWeighting weighting;
    final float[] params;
    private final float[] grads;
    private final float[] taskGrads;
    private final int[] sharedRange;
    private final TouchedRows touched;
    /** The embedding rows changed since the last checkpoint ({@link Checkpoints}). */
    private final TouchedRows changed;
    /** Every row changed since the last checkpoint (a dense step, or a restore from a full snapshot). */
    private boolean allRowsChanged;
    /** The embedding rows trained since the last sync of a replica ({@link Replica}); null when not one. */
    private TouchedRows sinceSync;
    private boolean allRowsSinceSync;
    /** What a step updates: everything, or the dense layers and the rows the batch touched. */
    private final ParamSupport support;
    final double[] lastLoss;
    final double[] weights;
    private final double[] gradNorms;
    private final int[] rowsPerTask;
    /** Per task: [offset, length] pairs of the parameters it owns alone. */
    final int[][] ownRanges;
    /** Per task: multiplier of the learning rate of its own parameters. */
    final double[] taskLrScale;
    private float[] beforeStep;
    long skippedNonFinite;
    double lastGradNorm;

    /**
     * The trainer of {@code spec}'s model: parameters initialised from the spec's seed, its optimizer,
     * gradient clipping and loss weighting. The learner and {@link StepBenchmark} both build theirs here.
     */
    static Trainer create(TopologySpec spec, MultiTaskNetwork net, TaskLoss[] losses) {
        float[] params = initialParameters(spec, net);
        return new Trainer(net, losses, Optimizer.create(spec.optimizer(), params.length),
                new GradientClipper(spec.optimizer().clipNorm()), LossWeighting.create(spec.weighting(), spec.tasks()),
                params, spec.optimizer().embeddings());
    }

    /** The parameters a learner of {@code spec} starts from, drawn from its seed. */
    static float[] initialParameters(TopologySpec spec, MultiTaskNetwork net) {
        float[] params = new float[net.layout().size()];
        net.layout().initialise(params, Rng.derive(spec.seed(), "init"));
        return params;
    }

    Trainer(MultiTaskNetwork net, TaskLoss[] losses, Optimizer optimizer, GradientClipper clipper,
            LossWeighting weighting, float[] params, EmbeddingUpdate embeddings) {
        this.net = net;
        this.losses = losses;
        this.optimizer = optimizer;
        this.clipper = clipper;
        this.weighting = weighting;
        this.params = params;
        int tasks = losses.length;
        this.grads = new float[params.length];
        this.sharedRange = net.lastSharedRange();
        this.touched = net.touchedRows();
        this.changed = new TouchedRows(net.layout());
        boolean lazy = embeddings == EmbeddingUpdate.LAZY && touched.tables() > 0;
        this.support = lazy ? ParamSupport.lazy(params.length, net.layout().denseRanges(), touched)
                : ParamSupport.all(params.length);
        if (lazy) {
            int[] rows = new int[touched.tables()];
            for (int t = 0; t < rows.length; t++) {
                rows[t] = touched.rows(t);
            }
            optimizer.trackRows(rows);
        }
        if (weighting.needsGradNorms() && sharedRange == null) {
            throw new IllegalArgumentException("GradNorm needs a layer shared by all tasks; this model family has none");
        }
        this.taskGrads = weighting.needsGradNorms() ? new float[params.length] : null;
        this.lastLoss = new double[tasks];
        this.weights = new double[tasks];
        this.gradNorms = new double[tasks];
        this.rowsPerTask = new int[tasks];
        java.util.Arrays.fill(lastLoss, Double.NaN);
        weighting.weights(weights);
        this.ownRanges = new int[tasks][];
        for (int t = 0; t < tasks; t++) {
            ownRanges[t] = ranges(net.taskBlocks(t));
        }
        this.taskLrScale = new double[tasks];
        java.util.Arrays.fill(taskLrScale, 1.0);
    }

    /** The blocks as merged [offset, length] pairs (adjacent blocks become one range). */
    static int[] ranges(java.util.List<dev.tributary.model.ParamLayout.Block> blocks) {
        java.util.List<int[]> out = new java.util.ArrayList<>();
        for (var b : blocks) {
            int[] last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last[0] + last[1] == b.offset()) {
                last[1] += b.size();
            } else {
                out.add(new int[]{b.offset(), b.size()});
            }
        }
        int[] flat = new int[out.size() * 2];
        for (int i = 0; i < out.size(); i++) {
            flat[2 * i] = out.get(i)[0];
            flat[2 * i + 1] = out.get(i)[1];
        }
        return flat;
    }

    /** Trains on {@code batch}; returns false when the step was skipped for a non-finite loss or gradient. */
    boolean step(Batch batch, Rng dropoutRng, double lrScale) {
        int tasks = losses.length;
        net.forward(params, batch, true, dropoutRng);
        java.util.Arrays.fill(rowsPerTask, 0);
        for (int r = 0; r < batch.rows(); r++) {
            if (batch.task[r] >= 0) {
                rowsPerTask[batch.task[r]]++;
            }
        }
        weighting.weights(weights);
        support.zeroDense(grads);
        touched.clear();
        boolean finite = true;
        if (taskGrads != null) {
            finite = backwardPerTask(batch);
        } else {
            for (int t = 0; t < tasks; t++) {
                int n = rowsPerTask[t];
                double scale = n == 0 ? 0 : weights[t] / n;
                double sum = losses[t].lossAndGrad(net.output(t), batch, t, scale, net.outputGrad(t));
                lastLoss[t] = n == 0 ? Double.NaN : sum / n;
                finite &= n == 0 || Double.isFinite(lastLoss[t]);
            }
            net.backward(params, grads, batch);
        }
        net.regularize(params, grads, !support.isAll());
        support.rebuild();
        lastGradNorm = clipper.clip(grads, support);
        if (!finite || !Double.isFinite(lastGradNorm)) {
            support.zeroRows(grads);
            skippedNonFinite++;
            return false;
        }
        boolean boosted = saveBoosted();
        optimizer.step(params, grads, lrScale, support);
        if (boosted) {
            scaleBoostedUpdates();
        }
        support.zeroRows(grads);
        noteChangedRows();
        weighting.update(lastLoss, taskGrads != null ? gradNorms : null);
        return true;
    }

    private void noteChangedRows() {
        if (support.isAll()) {
            allRowsChanged = changed.tables() > 0;
            allRowsSinceSync = sinceSync != null && changed.tables() > 0;
            return;
        }
        for (int r = 0; r < support.ranges(); r++) {
            if (support.table(r) >= 0) {
                changed.mark(support.table(r), support.row(r));
                if (sinceSync != null) {
                    sinceSync.mark(support.table(r), support.row(r));
                }
            }
        }
    }

    /** Starts noting the rows trained between a replica's syncs. */
    void trackSync() {
        if (sinceSync == null) {
            sinceSync = new TouchedRows(net.layout());
        }
    }

    /** The rows trained since {@link #synced()}, unless {@link #allRowsSinceSync()}. */
    TouchedRows rowsSinceSync() {
        return sinceSync;
    }

    boolean allRowsSinceSync() {
        return allRowsSinceSync;
    }

    void synced() {
        sinceSync.clear();
        allRowsSinceSync = false;
    }

    /** Counts every row as trained since the last sync (a restored replica that trained densely). */
    void markAllRowsSinceSync() {
        allRowsSinceSync = sinceSync != null && sinceSync.tables() > 0;
    }

    /** Notes that row {@code row} of table {@code table} changed outside a step, for the next checkpoint. */
    void markChanged(int table, int row) {
        if (!allRowsChanged) {
            changed.mark(table, row);
        }
    }

    /**
     * Starts row {@code row} of table {@code table} afresh for a new value: its parameters become those
     * of the table's row 0 (the unknown row the value used until now, so its predictions do not jump),
     * its optimizer moments and update count zero.
     */
    void restartRow(int table, int row) {
        int w = changed.width(table);
        int from = changed.offset(table) + row * w;
        System.arraycopy(params, changed.offset(table), params, from, w);
        optimizer.resetState(from, w);
        if (optimizer.tracksRows()) {
            optimizer.setRowUpdates(table, row, 0);
        }
        if (!allRowsChanged) {
            changed.mark(table, row);
        }
    }

    /** The rows changed since the last checkpoint, unless {@link #allRowsChanged()}. */
    TouchedRows changedRows() {
        return changed;
    }

    boolean allRowsChanged() {
        return allRowsChanged;
    }

    /** Counts every row as changed: the state came from somewhere that did not hold the rows. */
    void markAllRowsChanged() {
        allRowsChanged = changed.tables() > 0;
    }

    /** The changed rows are checkpointed. */
    void rowsCheckpointed() {
        changed.clear();
        allRowsChanged = false;
    }

    /** Backward once per present task: measures ‖∂L_t/∂W_shared‖ and sums the weighted gradients. */
    private boolean backwardPerTask(Batch batch) {
        int tasks = losses.length;
        boolean finite = true;
        for (int t = 0; t < tasks; t++) {
            int n = rowsPerTask[t];
            gradNorms[t] = Double.NaN;
            lastLoss[t] = Double.NaN;
            if (n == 0) {
                continue;
            }
            for (int u = 0; u < tasks; u++) {
                if (u == t) {
                    lastLoss[t] = losses[t].lossAndGrad(net.output(t), batch, t, 1.0 / n, net.outputGrad(t)) / n;
                } else {
                    java.util.Arrays.fill(net.outputGrad(u), 0, batch.rows() * net.outputs(u), 0f);
                }
            }
            finite &= Double.isFinite(lastLoss[t]);
            support.zeroDense(taskGrads);
            net.backward(params, taskGrads, batch);
            support.rebuild();
            double[] sq = {0};
            support.intersect(sharedRange, (from, to) -> {
                for (int i = from; i < to; i++) {
                    sq[0] += (double) taskGrads[i] * taskGrads[i];
                }
            });
            gradNorms[t] = Math.sqrt(sq[0]);
            float w = (float) weights[t];
            for (int r = 0; r < support.ranges(); r++) {
                for (int i = support.from(r), end = support.to(r); i < end; i++) {
                    grads[i] += w * taskGrads[i];
                }
            }
            support.zeroRows(taskGrads);
        }
        return finite;
    }

    /** Keeps the parameters of tasks with a learning-rate multiplier ≠ 1; false when there are none. */
    private boolean saveBoosted() {
        boolean any = false;
        for (int t = 0; t < taskLrScale.length; t++) {
            if (taskLrScale[t] != 1.0) {
                if (beforeStep == null) {
                    beforeStep = new float[params.length];
                }
                support.intersect(ownRanges[t], (from, to) -> System.arraycopy(params, from, beforeStep, from, to - from));
                any = true;
            }
        }
        return any;
    }

    /** {@code θ ← θ_before + s·(θ − θ_before)} on each boosted task's own parameters. */
    private void scaleBoostedUpdates() {
        for (int t = 0; t < taskLrScale.length; t++) {
            if (taskLrScale[t] != 1.0) {
                float s = (float) taskLrScale[t];
                support.intersect(ownRanges[t], (from, to) -> {
                    for (int i = from; i < to; i++) {
                        params[i] = beforeStep[i] + s * (params[i] - beforeStep[i]);
                    }
                });
            }
        }
    }

    /**
     * The gradient buffer, for a probe that runs between steps: zero outside the dense ranges of
     * {@link #support()} whenever a step starts, and to be left so.
     */
    float[] gradientBuffer() {
        return grads;
    }

    /** What the last step updated (the rows of its batch and the dense layers, or everything). */
    ParamSupport support() {
        return support;
    }

    /** The model's embedding tables. */
    java.util.List<dev.tributary.model.ParamLayout.Block> layoutTables() {
        return net.layout().tables();
    }

    long steps() {
        return optimizer.steps();
    }

    Optimizer optimizer() {
        return optimizer;
    }

    LossWeighting weighting() {
        return weighting;
    }
}

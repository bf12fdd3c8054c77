package dev.tributary.learner;

import dev.tributary.features.Batch;
import dev.tributary.model.MultiTaskNetwork;
import dev.tributary.optim.GradientClipper;
import dev.tributary.optim.LossWeighting;
import dev.tributary.optim.Optimizer;
import dev.tributary.optim.TaskLoss;
import dev.tributary.util.Rng;

/**
 * One training step on one micro-batch: forward → per-task mean losses (each row counts only for its
 * own task) → loss weights → backward (for GradNorm, one backward per task so that each task's
 * gradient norm on the last shared layer is measured) → family penalty → clip → skip if non-finite →
 * optimizer step → let the weighting learn.
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
    final double[] lastLoss;
    final double[] weights;
    private final double[] gradNorms;
    private final int[] rowsPerTask;
    long skippedNonFinite;
    double lastGradNorm;

    Trainer(MultiTaskNetwork net, TaskLoss[] losses, Optimizer optimizer, GradientClipper clipper,
            LossWeighting weighting, float[] params) {
        this.net = net;
        this.losses = losses;
        this.optimizer = optimizer;
        this.clipper = clipper;
        this.weighting = weighting;
        this.params = params;
        int tasks = losses.length;
        this.grads = new float[params.length];
        this.sharedRange = net.lastSharedRange();
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
        java.util.Arrays.fill(grads, 0f);
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
        net.regularize(params, grads);
        lastGradNorm = clipper.clip(grads);
        if (!finite || !Double.isFinite(lastGradNorm)) {
            skippedNonFinite++;
            return false;
        }
        optimizer.step(params, grads, lrScale);
        weighting.update(lastLoss, taskGrads != null ? gradNorms : null);
        return true;
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
            java.util.Arrays.fill(taskGrads, 0f);
            net.backward(params, taskGrads, batch);
            double sq = 0;
            for (int i = sharedRange[0]; i < sharedRange[0] + sharedRange[1]; i++) {
                sq += (double) taskGrads[i] * taskGrads[i];
            }
            gradNorms[t] = Math.sqrt(sq);
            float w = (float) weights[t];
            for (int i = 0; i < grads.length; i++) {
                grads[i] += w * taskGrads[i];
            }
        }
        return finite;
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

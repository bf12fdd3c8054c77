package dev.tributary.learner;

import dev.tributary.features.Batch;
import dev.tributary.model.MultiTaskNetwork;
import dev.tributary.model.ParamLayout;
import dev.tributary.optim.ParamSupport;
import dev.tributary.optim.TaskLoss;

import java.util.ArrayList;
import java.util.List;

/**
 * The lookahead of Fifty, Amid, Zhao, Yu, Anil &amp; Finn, "Efficiently Identifying Task Groupings for
 * Multi-Task Networks" (NeurIPS 2021), eq. 3, on one batch: for every task {@code i} with rows in the
 * batch, step the shared parameters along task {@code i}'s loss gradient alone,
 * {@code θ_s' = θ_s − η·∇_{θ_s} L_i(θ)} (plain SGD with the optimizer's learning rate η; every task's
 * own parameters stay), and measure every present task {@code j}'s mean loss on the same batch before
 * and after: {@code Z_{i→j} = 1 − L_j(θ_s', θ_j) / L_j(θ_s, θ_j)}. Positive: task {@code i}'s update
 * helps {@code j}; negative: it hurts.
 *
 * <p>Cost per measurement with {@code T} tasks present: {@code 2T + 1} forward passes and {@code T}
 * backward passes over the batch, without expert dropout (so no random numbers are drawn and training
 * is not disturbed). The lookahead is taken in place and undone exactly, over the parameters the
 * gradient reaches ({@link ParamSupport}: with lazy embedding updates the dense layers and the rows the
 * batch touches), so it costs no parameter-sized copy; its gradient buffer is the trainer's, which it
 * leaves as the trainer expects it. The learner runs it every {@code k} batches.
 */
final class AffinityProbe {
    private final MultiTaskNetwork net;
    private final TaskLoss[] losses;
    private final int[] shared;
    private final float[] grads;
    private final ParamSupport support;
    /** The parameters the lookahead changed, to put back. */
    private float[] saved = new float[256];
    private int savedCount;
    private final int[] rows;
    private final double[] before;

    /** A probe with its own gradient buffer, over every parameter. */
    AffinityProbe(MultiTaskNetwork net, TaskLoss[] losses) {
        this(net, losses, new float[net.layout().size()], ParamSupport.all(net.layout().size()));
    }

    /**
     * A probe using {@code grads}, zero outside the dense ranges of {@code support} whenever the probe
     * is called (the trainer's buffer), and reaching the parameters of {@code support}.
     */
    AffinityProbe(MultiTaskNetwork net, TaskLoss[] losses, float[] grads, ParamSupport support) {
        this.net = net;
        this.losses = losses;
        this.shared = sharedRanges(net);
        this.grads = grads;
        this.support = support;
        this.rows = new int[losses.length];
        this.before = new double[losses.length];
    }

    /** The parameters no single task owns, as [offset, length] pairs; empty when nothing is shared. */
    static int[] sharedRanges(MultiTaskNetwork net) {
        boolean[] owned = new boolean[net.layout().blocks().size()];
        List<ParamLayout.Block> all = net.layout().blocks();
        for (int t = 0; t < net.taskCount(); t++) {
            for (ParamLayout.Block b : net.taskBlocks(t)) {
                owned[all.indexOf(b)] = true;
            }
        }
        List<ParamLayout.Block> sharedBlocks = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (!owned[i]) {
                sharedBlocks.add(all.get(i));
            }
        }
        return Trainer.ranges(sharedBlocks);
    }

    /** Whether the model has shared parameters at all (otherwise every affinity is 0 by construction). */
    boolean hasShared() {
        return shared.length > 0;
    }

    /**
     * {@code Z[i][j]} for the batch at parameters {@code params} (not changed) and step size {@code eta};
     * NaN where task {@code i} or {@code j} has no rows or a loss is not finite or zero.
     */
    double[][] measure(float[] params, Batch batch, double eta) {
        int tasks = losses.length;
        java.util.Arrays.fill(rows, 0);
        for (int r = 0; r < batch.rows(); r++) {
            if (batch.task[r] >= 0) {
                rows[batch.task[r]]++;
            }
        }
        double[][] z = new double[tasks][tasks];
        for (double[] row : z) {
            java.util.Arrays.fill(row, Double.NaN);
        }
        net.forward(params, batch, false, null);
        for (int j = 0; j < tasks; j++) {
            before[j] = rows[j] == 0 ? Double.NaN : losses[j].loss(net.output(j), batch, j) / rows[j];
        }
        boolean fresh = true;
        for (int i = 0; i < tasks; i++) {
            if (rows[i] == 0 || !Double.isFinite(before[i])) {
                continue;
            }
            if (!fresh) {
                net.forward(params, batch, false, null);
            }
            stepSharedAlong(i, params, batch, eta);
            net.forward(params, batch, false, null);
            undo(params);
            fresh = false;
            for (int j = 0; j < tasks; j++) {
                if (rows[j] > 0 && before[j] > 0 && Double.isFinite(before[j])) {
                    z[i][j] = 1 - losses[j].loss(net.output(j), batch, j) / rows[j] / before[j];
                }
            }
        }
        return z;
    }

    /** {@code θ_s −= η·∇_{θ_s} L_i} (mean loss over task i's rows) in place, keeping what it overwrites. */
    private void stepSharedAlong(int i, float[] params, Batch batch, double eta) {
        for (int u = 0; u < losses.length; u++) {
            if (u == i) {
                losses[i].lossAndGrad(net.output(i), batch, i, 1.0 / rows[i], net.outputGrad(i));
            } else {
                java.util.Arrays.fill(net.outputGrad(u), 0, batch.rows() * net.outputs(u), 0f);
            }
        }
        support.zeroDense(grads);
        net.backward(params, grads, batch);
        support.rebuild();
        float step = (float) eta;
        savedCount = 0;
        support.intersect(shared, (from, to) -> {
            if (savedCount + (to - from) > saved.length) {
                saved = java.util.Arrays.copyOf(saved, Math.max(saved.length * 2, savedCount + (to - from)));
            }
            for (int p = from; p < to; p++) {
                saved[savedCount++] = params[p];
                params[p] = params[p] - step * grads[p];
            }
        });
        support.zeroRows(grads);
    }

    /** Puts back the parameters {@link #stepSharedAlong} changed, in the order it changed them. */
    private void undo(float[] params) {
        int[] at = {0};
        support.intersect(shared, (from, to) -> {
            System.arraycopy(saved, at[0], params, from, to - from);
            at[0] += to - from;
        });
    }
}

package dev.tributary.model;

import dev.tributary.features.InputShape;
import dev.tributary.features.Batch;
import dev.tributary.util.Rng;

import java.util.ArrayList;
import java.util.List;

/**
 * The mixture-of-experts families as one structure of extraction levels (Tang et al., "Progressive
 * Layered Extraction (PLE)", RecSys 2020): input → shared encoder → levels → per-task towers.
 * At each level every task may have its own experts and all tasks may share experts; task {@code t}'s
 * gate mixes its own and the shared experts, and between levels a shared gate mixes all experts into
 * the next level's shared input.
 * <ul>
 *   <li>OMoE: one level of shared experts and a single gate used by every task;</li>
 *   <li>MMoE (Ma et al., KDD 2018): one level of shared experts and one gate per task;</li>
 *   <li>CGC: one level with task-specific and shared experts;</li>
 *   <li>PLE: several CGC levels.</li>
 * </ul>
 * Each row feeds only its own task's {@link TaskHead}: its tower and, at the last level, its gate and
 * its own experts (OMoE's single gate is shared, so it runs over every row). The shared experts and
 * everything below the last level run over every row: there the shared gate mixes every task's experts
 * into the next level of every row.
 */
final class ExpertNetwork extends AbstractNetwork {
    private final SharedInput bottom;
    private final ExpertLevel[] levels;
    private final TaskHead[] heads;
    private final boolean singleGate;
    private final double dropout;
    private final int totalExperts;
    private byte[] mask;

    /**
     * @param taskExperts experts per task and level (0 for OMoE/MMoE)
     * @param sharedExperts shared experts per level
     * @param levels number of levels (1 except PLE)
     * @param singleGate OMoE: one gate for all tasks
     */
    ExpertNetwork(InputShape shape, List<Integer> encoderWidths, int taskExperts, List<Integer> taskHidden,
                  int sharedExperts, List<Integer> sharedHidden, int levelCount, boolean singleGate,
                  List<Integer> tower, double gateTemperature, double expertDropout, String[] taskNames,
                  int[] outputs, Kernels kernels) {
        super(taskNames, outputs, kernels);
        if (taskExperts + sharedExperts <= 0) {
            throw new IllegalArgumentException("an expert network needs at least one expert per level");
        }
        if (gateTemperature <= 0) {
            throw new IllegalArgumentException("gateTemperature must be positive, found " + gateTemperature);
        }
        if (expertDropout < 0 || expertDropout >= 1) {
            throw new IllegalArgumentException("expertDropout must be in [0, 1), found " + expertDropout);
        }
        if (singleGate && taskExperts > 0) {
            throw new IllegalArgumentException("a single shared gate cannot mix task-specific experts");
        }
        this.singleGate = singleGate;
        this.dropout = expertDropout;
        int tasks = outputs.length;
        bottom = new SharedInput(layout, shape, encoderWidths, kernels);
        levels = new ExpertLevel[levelCount];
        int in = bottom.width();
        int lastIn = in;
        int nextId = 0;
        for (int l = 0; l < levelCount; l++) {
            ExpertLevel lv = ExpertLevel.build(layout, kernels, "level" + l, in, l == levelCount - 1, taskNames,
                    taskExperts, taskHidden, sharedExperts, sharedHidden, singleGate, gateTemperature, nextId);
            nextId = lv.nextId;
            levels[l] = lv;
            lastIn = in;
            in = lv.taskGates[0].width;
        }
        totalExperts = nextId;
        ExpertLevel last = levels[levelCount - 1];
        heads = new TaskHead[tasks];
        for (int t = 0; t < tasks; t++) {
            Mlp towerMlp = new Mlp(layout, "tower." + taskNames[t], in, tower, outputs[t], kernels);
            heads[t] = singleGate ? new TaskHead(towerMlp, null, null, in, outputs[t])
                    : new TaskHead(towerMlp, last.taskGroups[t], last.taskGates[t], lastIn, outputs[t]);
        }
        ensureCapacity(1);
    }

    @Override
    void allocate(int capacity) {
        mask = new byte[capacity * totalExperts];
        bottom.allocate(capacity);
        for (ExpertLevel lv : levels) {
            for (ExpertGroup g : lv.allRowGroups) {
                g.allocate(capacity);
            }
            for (Gate g : lv.allRowGates) {
                g.allocate(capacity);
            }
        }
        for (TaskHead h : heads) {
            h.allocate(capacity);
        }
    }

    @Override
    public void forward(float[] p, Batch batch, boolean training, Rng rng) {
        int rows = startBatch(batch);
        bottom.forward(p, batch, rows);
        byte[] m = training && dropout > 0 ? drawMask(rng, rows) : null;
        for (int l = 0; l < levels.length; l++) {
            forwardLevel(l, p, rows, m);
        }
        for (int t = 0; t < heads.length; t++) {
            heads[t].forward(p, headIn(t), rows, taskRows[t], taskRowCount[t], m, totalExperts, out[t]);
        }
    }

    /** Keep-flags for every row and expert, drawn in row-major order whatever rows the experts run over. */
    private byte[] drawMask(Rng rng, int rows) {
        for (int i = 0; i < rows * totalExperts; i++) {
            mask[i] = (byte) (rng.nextDouble() < dropout ? 0 : 1);
        }
        return mask;
    }

    /** The groups and gates of level {@code l} that run over every row. */
    private void forwardLevel(int l, float[] p, int rows, byte[] m) {
        ExpertLevel lv = levels[l];
        boolean full = l < levels.length - 1;
        int inW = inWidth(l);
        if (full) {
            for (int t = 0; t < heads.length; t++) {
                if (lv.taskGroups[t] != null) {
                    lv.taskGroups[t].forward(p, taskIn(l, t), 0, inW, rows);
                }
            }
        }
        if (lv.shared != null) {
            lv.shared.forward(p, sharedIn(l), 0, inW, rows);
        }
        if (singleGate) {
            lv.taskGates[0].forward(p, sharedIn(l), 0, inW, rows, m, totalExperts);
        } else if (full) {
            for (int t = 0; t < heads.length; t++) {
                lv.taskGates[t].forward(p, taskIn(l, t), 0, inW, rows, m, totalExperts);
            }
        }
        if (lv.sharedGate != null) {
            lv.sharedGate.forward(p, sharedIn(l), 0, inW, rows, m, totalExperts);
        }
    }

    private int inWidth(int level) {
        return level == 0 ? bottom.width() : levels[level - 1].taskGates[0].width;
    }

    /** What task {@code t}'s head reads: OMoE's single mixture, else the task's input to the last level. */
    private float[] headIn(int t) {
        int last = levels.length - 1;
        return singleGate ? levels[last].taskGates[0].mix : taskIn(last, t);
    }

    private float[] headInGrad(int t) {
        int last = levels.length - 1;
        return singleGate ? levels[last].taskGates[0].dmix : taskInGrad(last, t);
    }

    private float[] taskIn(int level, int task) {
        return level == 0 ? bottom.output() : levels[level - 1].taskGates[task].mix;
    }

    private float[] taskInGrad(int level, int task) {
        return level == 0 ? bottom.outputGrad() : levels[level - 1].taskGates[task].dmix;
    }

    private float[] sharedIn(int level) {
        if (level == 0) {
            return bottom.output();
        }
        ExpertLevel prev = levels[level - 1];
        return singleGate ? prev.taskGates[0].mix : prev.sharedGate.mix;
    }

    private float[] sharedInGrad(int level) {
        if (level == 0) {
            return bottom.outputGrad();
        }
        ExpertLevel prev = levels[level - 1];
        return singleGate ? prev.taskGates[0].dmix : prev.sharedGate.dmix;
    }

    @Override
    public void backward(float[] p, float[] g, Batch batch) {
        int rows = batch.rows();
        zero(bottom.outputGrad(), rows * bottom.width());
        for (ExpertLevel lv : levels) {
            for (Gate gate : lv.allRowGates) {
                zero(gate.dmix, rows * gate.width);
            }
            for (ExpertGroup grp : lv.allRowGroups) {
                zero(grp.outputGrad(), rows * grp.stride());
            }
        }
        for (int t = 0; t < heads.length; t++) {
            heads[t].backward(p, g, outGrad[t], taskRows[t], taskRowCount[t], headInGrad(t));
        }
        for (int l = levels.length - 1; l >= 0; l--) {
            backwardLevel(l, p, g, rows);
        }
        bottom.backward(p, g, batch, rows, touchedRows());
    }

    private void backwardLevel(int l, float[] p, float[] g, int rows) {
        ExpertLevel lv = levels[l];
        boolean full = l < levels.length - 1;
        int inW = inWidth(l);
        if (singleGate) {
            lv.taskGates[0].backward(p, g, sharedIn(l), 0, inW, sharedInGrad(l), 0, inW);
        } else if (full) {
            for (int t = 0; t < heads.length; t++) {
                lv.taskGates[t].backward(p, g, taskIn(l, t), 0, inW, taskInGrad(l, t), 0, inW);
            }
        }
        if (lv.sharedGate != null) {
            lv.sharedGate.backward(p, g, sharedIn(l), 0, inW, sharedInGrad(l), 0, inW);
        }
        if (full) {
            for (int t = 0; t < heads.length; t++) {
                if (lv.taskGroups[t] != null) {
                    lv.taskGroups[t].backward(p, g, taskIn(l, t), 0, inW, taskInGrad(l, t), 0, inW, rows);
                }
            }
        }
        if (lv.shared != null) {
            lv.shared.backward(p, g, sharedIn(l), 0, inW, sharedInGrad(l), 0, inW, rows);
        }
    }

    @Override
    public int[] lastSharedRange() {
        Mlp encoder = bottom.encoder;
        if (!encoder.isEmpty()) {
            Dense lastLayer = encoder.layers[encoder.layers.length - 1];
            return new int[]{lastLayer.wOff, lastLayer.in * lastLayer.out};
        }
        if (levels[0].shared != null) {
            Dense fused = levels[0].shared.firstLayer();
            return new int[]{fused.wOff, fused.in * fused.out};
        }
        return null;
    }

    /**
     * A task owns its tower, its gate at every level (unless OMoE, whose gate all tasks share) and its
     * own experts at the last level. Below the last level of PLE its experts are not its own: the shared
     * gate mixes them into every task's next level.
     */
    @Override
    public java.util.List<ParamLayout.Block> taskBlocks(int task) {
        List<String> prefixes = new ArrayList<>();
        prefixes.add("tower." + taskNames[task] + ".");
        for (int l = 0; l < levels.length; l++) {
            if (levels[l].sharedGate == null) {
                prefixes.add("level" + l + ".task." + taskNames[task] + ".");
            }
            if (!singleGate) {
                prefixes.add("level" + l + ".gate." + taskNames[task] + ".");
            }
        }
        return layout.blocksWithPrefix(prefixes.toArray(String[]::new));
    }

    @Override
    public int gateWidth(int task) {
        return levels[levels.length - 1].taskGates[task].k;
    }

    @Override
    public float[] gateWeights(int task) {
        return levels[levels.length - 1].taskGates[task].g;
    }

    /**
     * The parts every row runs through, plus one head: the mean over tasks, as for a batch with equally
     * many rows of each task.
     */
    @Override
    public long macsPerRow() {
        long m = bottom.encoder.macs();
        for (ExpertLevel lv : levels) {
            for (ExpertGroup grp : lv.allRowGroups) {
                m += grp.macs();
            }
            for (Gate gate : lv.allRowGates) {
                m += gate.macs();
            }
        }
        long headSum = 0;
        for (TaskHead h : heads) {
            headSum += h.macs();
        }
        return m + Math.round((double) headSum / heads.length);
    }
}

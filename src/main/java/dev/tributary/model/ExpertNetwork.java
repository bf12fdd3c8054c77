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
 */
final class ExpertNetwork extends AbstractNetwork {
    private final InputLayer input;
    private final Mlp encoder;
    private final Level[] levels;
    private final Mlp[] towers;
    private final boolean singleGate;
    private final double dropout;
    private final int totalExperts;
    private float[] x;
    private float[] dx;
    private float[] dh;
    private byte[] mask;

    /** One extraction level: per-task expert groups (may be null), shared experts (may be null), gates. */
    private static final class Level {
        ExpertGroup[] taskGroups;
        ExpertGroup shared;
        Gate[] taskGates;
        Gate sharedGate;
    }

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
        input = new InputLayer(layout, "input.", shape);
        encoder = new Mlp(layout, "encoder", input.width, encoderWidths, 0, kernels);
        levels = new Level[levelCount];
        int in = encoder.out();
        int nextId = 0;
        for (int l = 0; l < levelCount; l++) {
            Level lv = new Level();
            String pre = "level" + l;
            lv.taskGroups = new ExpertGroup[tasks];
            if (taskExperts > 0) {
                for (int t = 0; t < tasks; t++) {
                    lv.taskGroups[t] = new ExpertGroup(layout, pre + ".task." + taskNames[t], in, taskExperts,
                            taskHidden, nextId, kernels);
                    nextId += taskExperts;
                }
            }
            if (sharedExperts > 0) {
                lv.shared = new ExpertGroup(layout, pre + ".shared", in, sharedExperts, sharedHidden, nextId, kernels);
                nextId += sharedExperts;
            }
            lv.taskGates = new Gate[tasks];
            if (singleGate) {
                Gate gate = gate(pre + ".gate", in, null, lv.shared, gateTemperature);
                java.util.Arrays.fill(lv.taskGates, gate);
            } else {
                for (int t = 0; t < tasks; t++) {
                    lv.taskGates[t] = gate(pre + ".gate." + taskNames[t], in, lv.taskGroups[t], lv.shared,
                            gateTemperature);
                }
            }
            if (l < levelCount - 1) {
                lv.sharedGate = sharedGate(pre + ".gate.shared", in, lv, gateTemperature);
            }
            levels[l] = lv;
            in = lv.taskGates[0].width;
        }
        totalExperts = nextId;
        towers = new Mlp[tasks];
        for (int t = 0; t < tasks; t++) {
            towers[t] = new Mlp(layout, "tower." + taskNames[t], in, tower, outputs[t], kernels);
        }
        ensureCapacity(1);
    }

    private Gate gate(String name, int in, ExpertGroup own, ExpertGroup shared, double tau) {
        List<ExpertGroup> groups = new ArrayList<>();
        List<Integer> index = new ArrayList<>();
        for (ExpertGroup g : new ExpertGroup[]{own, shared}) {
            if (g != null) {
                for (int e = 0; e < g.n; e++) {
                    groups.add(g);
                    index.add(e);
                }
            }
        }
        return new Gate(layout, name, in, groups.toArray(ExpertGroup[]::new),
                index.stream().mapToInt(Integer::intValue).toArray(), tau, kernels);
    }

    private Gate sharedGate(String name, int in, Level lv, double tau) {
        List<ExpertGroup> groups = new ArrayList<>();
        List<Integer> index = new ArrayList<>();
        List<ExpertGroup> all = new ArrayList<>(java.util.Arrays.asList(lv.taskGroups));
        all.add(lv.shared);
        for (ExpertGroup g : all) {
            if (g != null) {
                for (int e = 0; e < g.n; e++) {
                    groups.add(g);
                    index.add(e);
                }
            }
        }
        return new Gate(layout, name, in, groups.toArray(ExpertGroup[]::new),
                index.stream().mapToInt(Integer::intValue).toArray(), tau, kernels);
    }

    @Override
    void allocate(int capacity) {
        x = new float[capacity * input.width];
        dx = new float[capacity * input.width];
        dh = new float[capacity * encoder.out()];
        mask = new byte[capacity * totalExperts];
        encoder.allocate(capacity);
        for (Level lv : levels) {
            for (ExpertGroup g : lv.taskGroups) {
                if (g != null) {
                    g.allocate(capacity);
                }
            }
            if (lv.shared != null) {
                lv.shared.allocate(capacity);
            }
            for (Gate g : distinctGates(lv)) {
                g.allocate(capacity);
            }
        }
        for (Mlp t : towers) {
            t.allocate(capacity);
        }
    }

    private List<Gate> distinctGates(Level lv) {
        List<Gate> gates = new ArrayList<>();
        for (Gate g : lv.taskGates) {
            if (!gates.contains(g)) {
                gates.add(g);
            }
        }
        if (lv.sharedGate != null) {
            gates.add(lv.sharedGate);
        }
        return gates;
    }

    private float[] h() {
        return encoder.isEmpty() ? x : encoder.output();
    }

    private float[] dhBuffer() {
        return encoder.isEmpty() ? dx : dh;
    }

    @Override
    public void forward(float[] p, Batch batch, boolean training, Rng rng) {
        int rows = batch.rows();
        ensureCapacity(rows);
        input.forward(p, batch, x, rows);
        if (!encoder.isEmpty()) {
            encoder.forward(p, x, 0, input.width, rows);
        }
        byte[] m = null;
        if (training && dropout > 0) {
            for (int i = 0; i < rows * totalExperts; i++) {
                mask[i] = (byte) (rng.nextDouble() < dropout ? 0 : 1);
            }
            m = mask;
        }
        int w0 = encoder.out();
        for (int l = 0; l < levels.length; l++) {
            Level lv = levels[l];
            int inW = l == 0 ? w0 : levels[l - 1].taskGates[0].width;
            for (int t = 0; t < towers.length; t++) {
                if (lv.taskGroups[t] != null) {
                    lv.taskGroups[t].forward(p, taskIn(l, t), 0, inW, rows);
                }
            }
            if (lv.shared != null) {
                lv.shared.forward(p, sharedIn(l), 0, inW, rows);
            }
            if (singleGate) {
                lv.taskGates[0].forward(p, sharedIn(l), 0, inW, rows, m, totalExperts);
            } else {
                for (int t = 0; t < towers.length; t++) {
                    lv.taskGates[t].forward(p, taskIn(l, t), 0, inW, rows, m, totalExperts);
                }
            }
            if (lv.sharedGate != null) {
                lv.sharedGate.forward(p, sharedIn(l), 0, inW, rows, m, totalExperts);
            }
        }
        Level last = levels[levels.length - 1];
        for (int t = 0; t < towers.length; t++) {
            Gate gt = last.taskGates[t];
            towers[t].forward(p, gt.mix, 0, gt.width, rows);
            System.arraycopy(towers[t].output(), 0, out[t], 0, rows * outputs[t]);
        }
    }

    private float[] taskIn(int level, int task) {
        return level == 0 ? h() : levels[level - 1].taskGates[task].mix;
    }

    private float[] taskInGrad(int level, int task) {
        return level == 0 ? dhBuffer() : levels[level - 1].taskGates[task].dmix;
    }

    private float[] sharedIn(int level) {
        if (level == 0) {
            return h();
        }
        Level prev = levels[level - 1];
        return singleGate ? prev.taskGates[0].mix : prev.sharedGate.mix;
    }

    private float[] sharedInGrad(int level) {
        if (level == 0) {
            return dhBuffer();
        }
        Level prev = levels[level - 1];
        return singleGate ? prev.taskGates[0].dmix : prev.sharedGate.dmix;
    }

    @Override
    public void backward(float[] p, float[] g, Batch batch) {
        int rows = batch.rows();
        zero(dhBuffer(), rows * encoder.out());
        for (Level lv : levels) {
            for (Gate gate : distinctGates(lv)) {
                zero(gate.dmix, rows * gate.width);
            }
            for (ExpertGroup grp : lv.taskGroups) {
                if (grp != null) {
                    zero(grp.outputGrad(), rows * grp.stride());
                }
            }
            if (lv.shared != null) {
                zero(lv.shared.outputGrad(), rows * lv.shared.stride());
            }
        }
        Level last = levels[levels.length - 1];
        for (int t = 0; t < towers.length; t++) {
            Gate gt = last.taskGates[t];
            System.arraycopy(outGrad[t], 0, towers[t].outputGrad(), 0, rows * outputs[t]);
            towers[t].backward(p, g, gt.mix, 0, gt.width, gt.dmix, 0, gt.width, rows);
        }
        for (int l = levels.length - 1; l >= 0; l--) {
            backwardLevel(l, p, g, rows);
        }
        if (!encoder.isEmpty()) {
            System.arraycopy(dh, 0, encoder.outputGrad(), 0, rows * encoder.out());
            zero(dx, rows * input.width);
            encoder.backward(p, g, x, 0, input.width, dx, 0, input.width, rows);
        }
        input.backward(g, batch, dx, rows);
    }

    private void backwardLevel(int l, float[] p, float[] g, int rows) {
        Level lv = levels[l];
        int inW = l == 0 ? encoder.out() : levels[l - 1].taskGates[0].width;
        if (singleGate) {
            lv.taskGates[0].backward(p, g, sharedIn(l), 0, inW, sharedInGrad(l), 0, inW, rows);
        } else {
            for (int t = 0; t < towers.length; t++) {
                lv.taskGates[t].backward(p, g, taskIn(l, t), 0, inW, taskInGrad(l, t), 0, inW, rows);
            }
        }
        if (lv.sharedGate != null) {
            lv.sharedGate.backward(p, g, sharedIn(l), 0, inW, sharedInGrad(l), 0, inW, rows);
        }
        for (int t = 0; t < towers.length; t++) {
            if (lv.taskGroups[t] != null) {
                lv.taskGroups[t].backward(p, g, taskIn(l, t), 0, inW, taskInGrad(l, t), 0, inW, rows);
            }
        }
        if (lv.shared != null) {
            lv.shared.backward(p, g, sharedIn(l), 0, inW, sharedInGrad(l), 0, inW, rows);
        }
    }

    @Override
    public int[] lastSharedRange() {
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

    @Override
    public long macsPerRow() {
        long m = encoder.macs();
        for (Level lv : levels) {
            for (ExpertGroup grp : lv.taskGroups) {
                m += grp == null ? 0 : grp.macs();
            }
            m += lv.shared == null ? 0 : lv.shared.macs();
            for (Gate gate : distinctGates(lv)) {
                m += gate.macs();
            }
        }
        for (Mlp t : towers) {
            m += t.macs();
        }
        return m;
    }
}

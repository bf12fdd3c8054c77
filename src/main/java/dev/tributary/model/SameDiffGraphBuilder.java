package dev.tributary.model;

import dev.tributary.features.InputShape;
import dev.tributary.spec.ExpertSpec;
import dev.tributary.spec.ModelFamily;
import dev.tributary.spec.ModelSpec;
import dev.tributary.spec.TaskSpec;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the SameDiff ops of one network, layer by layer, mirroring {@link SeparateNetwork},
 * {@link SharedBottomNetwork} and {@link ExpertNetwork} (same block names, same expert and gate
 * order). Every parameter block becomes one SameDiff variable of the same name; the pre-activation of
 * every ReLU layer is named {@code <layer>.pre} so that callers can inspect its distance to the kink,
 * and each gate's softmax weights {@code <gate>.weights}.
 */
final class SameDiffGraphBuilder {
    private final SameDiff sd;
    private final ParamLayout layout;
    private final float[] params;
    private final DataType type;
    private final SameDiffExport.Lookup lookup;
    private final SDVariable numeric;
    private final SDVariable[] categorical;
    private final Map<String, ParamLayout.Block> variables = new LinkedHashMap<>();

    /**
     * @param numeric     the numeric input placeholder, null when there are no numeric features
     * @param categorical one index placeholder per categorical feature
     */
    SameDiffGraphBuilder(SameDiff sd, ParamLayout layout, float[] params, DataType type,
                         SameDiffExport.Lookup lookup, SDVariable numeric, SDVariable[] categorical) {
        this.sd = sd;
        this.layout = layout;
        this.params = params;
        this.type = type;
        this.lookup = lookup;
        this.numeric = numeric;
        this.categorical = categorical.clone();
    }

    /** Parameter variables created so far, by name (= block name), in creation order. */
    Map<String, ParamLayout.Block> variables() {
        return variables;
    }

    /** Per-task raw outputs of the network the spec describes, in task order. */
    List<SDVariable> build(ModelSpec spec, InputShape shape, List<TaskSpec> tasks) {
        ModelFamily family = spec.family();
        List<SDVariable> raw = new ArrayList<>();
        switch (family) {
            case SINGLE_TASK, SOFT_SHARING -> {
                for (TaskSpec t : tasks) {
                    String pre = "task." + t.name() + ".";
                    SDVariable x = input(pre + "input.", shape);
                    SDVariable h = mlp(pre + "encoder", x, width(shape), spec.encoder(), 0);
                    raw.add(mlp("tower." + t.name(), h, out(width(shape), spec.encoder()), spec.tower(),
                            t.outputs()));
                }
            }
            case SHARED_BOTTOM -> {
                SDVariable h = mlp("encoder", input("input.", shape), width(shape), spec.encoder(), 0);
                for (TaskSpec t : tasks) {
                    raw.add(mlp("tower." + t.name(), h, out(width(shape), spec.encoder()), spec.tower(),
                            t.outputs()));
                }
            }
            case OMOE, MMOE, CGC, PLE -> {
                SDVariable h = mlp("encoder", input("input.", shape), width(shape), spec.encoder(), 0);
                raw.addAll(experts(spec, tasks, h, out(width(shape), spec.encoder())));
            }
        }
        return raw;
    }

    /**
     * The extraction levels and towers of ExpertNetwork: per level, task experts read the task's input
     * and shared experts the shared input; the next level's task input is the task gate's mix, its
     * shared input the shared gate's mix (OMoE: the single gate's).
     */
    private List<SDVariable> experts(ModelSpec spec, List<TaskSpec> tasks, SDVariable h, int hWidth) {
        ModelFamily family = spec.family();
        boolean singleGate = family == ModelFamily.OMOE;
        boolean withTaskExperts = family == ModelFamily.CGC || family == ModelFamily.PLE;
        ExpertSpec own = withTaskExperts ? spec.taskExperts() : ExpertSpec.none();
        ExpertSpec shared = spec.experts();
        // The level count exactly as Networks.create derives it.
        int levelCount = spec.family() == ModelFamily.PLE ? Math.max(1, spec.levels()) : 1;
        double tau = spec.gateTemperature();
        int n = tasks.size();
        List<SDVariable> taskIn = new ArrayList<>(Collections.nCopies(n, h));
        SDVariable sharedIn = h;
        int in = hWidth;
        for (int l = 0; l < levelCount; l++) {
            String pre = "level" + l;
            List<List<SDVariable>> ownOut = new ArrayList<>();
            for (int t = 0; t < n; t++) {
                ownOut.add(own.count() > 0
                        ? expertGroup(pre + ".task." + tasks.get(t).name(), taskIn.get(t), in, own)
                        : List.of());
            }
            List<SDVariable> sharedOut = shared.count() > 0
                    ? expertGroup(pre + ".shared", sharedIn, in, shared) : List.of();
            List<SDVariable> mixes = singleGate
                    ? Collections.nCopies(n, gate(pre + ".gate", sharedIn, in, sharedOut, tau))
                    : taskGates(pre, tasks, taskIn, in, ownOut, sharedOut, tau);
            SDVariable nextShared = singleGate ? mixes.get(0) : null;
            if (l < levelCount - 1) {
                List<SDVariable> all = new ArrayList<>();
                ownOut.forEach(all::addAll);
                all.addAll(sharedOut);
                nextShared = gate(pre + ".gate.shared", sharedIn, in, all, tau); // all task groups, then shared
            }
            taskIn = mixes;
            sharedIn = nextShared;
            in = own.count() > 0 ? own.outputWidth() : shared.outputWidth();
        }
        List<SDVariable> raw = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            raw.add(mlp("tower." + tasks.get(t).name(), taskIn.get(t), in, spec.tower(), tasks.get(t).outputs()));
        }
        return raw;
    }

    /** Task {@code t}'s gate mixes its own experts, then the shared ones, reading its own input. */
    private List<SDVariable> taskGates(String pre, List<TaskSpec> tasks, List<SDVariable> taskIn, int in,
                                       List<List<SDVariable>> ownOut, List<SDVariable> sharedOut, double tau) {
        List<SDVariable> mixes = new ArrayList<>();
        for (int t = 0; t < tasks.size(); t++) {
            List<SDVariable> candidates = new ArrayList<>(ownOut.get(t));
            candidates.addAll(sharedOut);
            mixes.add(gate(pre + ".gate." + tasks.get(t).name(), taskIn.get(t), in, candidates, tau));
        }
        return mixes;
    }

    /** Numeric inputs then one embedding row per categorical feature, concatenated (InputLayer). */
    private SDVariable input(String prefix, InputShape shape) {
        List<SDVariable> parts = new ArrayList<>();
        if (shape.numeric() > 0) {
            parts.add(numeric);
        }
        for (int f = 0; f < shape.categorical(); f++) {
            SDVariable table = param(prefix + "embedding." + f, shape.buckets()[f], shape.dims()[f]);
            parts.add(switch (lookup) {
                case GATHER -> sd.gather(table, categorical[f], 0);
                case ONE_HOT -> sd.oneHot(categorical[f], shape.buckets()[f], -1, 1.0, 0.0, type).mmul(table);
            });
        }
        return parts.size() == 1 ? parts.get(0) : sd.concat(1, parts.toArray(SDVariable[]::new));
    }

    /** ReLU hidden layers, then a linear layer of {@code finalOut} units when positive (Mlp). */
    private SDVariable mlp(String prefix, SDVariable x, int in, List<Integer> hidden, int finalOut) {
        SDVariable h = x;
        int width = in;
        for (int i = 0; i < hidden.size(); i++) {
            h = dense(prefix + "." + i, h, width, hidden.get(i), true);
            width = hidden.get(i);
        }
        return finalOut > 0 ? dense(prefix + "." + hidden.size(), h, width, finalOut, false) : h;
    }

    /** One output per expert; the first layers are one fused {@code in × n·h1} product (ExpertGroup). */
    private List<SDVariable> expertGroup(String prefix, SDVariable x, int in, ExpertSpec spec) {
        List<Integer> widths = spec.hidden();
        int n = spec.count();
        int h1 = widths.get(0);
        SDVariable fused = dense(prefix + ".fused", x, in, n * h1, true);
        List<SDVariable> outs = new ArrayList<>();
        for (int e = 0; e < n; e++) {
            SDVariable h = fused.get(SDIndex.all(), SDIndex.interval(e * h1, (e + 1) * h1));
            for (int l = 1; l < widths.size(); l++) {
                h = dense(prefix + "." + e + "." + l, h, widths.get(l - 1), widths.get(l), true);
            }
            outs.add(h);
        }
        return outs;
    }

    /** {@code Σ_k softmax((x·W + b)/τ)_k · expert_k} over the candidates in order (Gate). */
    private SDVariable gate(String name, SDVariable x, int in, List<SDVariable> candidates, double tau) {
        SDVariable logits = dense(name, x, in, candidates.size(), false);
        SDVariable g = sd.nn.softmax(name + ".weights", logits.div(tau), 1);
        SDVariable stacked = sd.stack(1, candidates.toArray(SDVariable[]::new));
        return stacked.mul(sd.expandDims(g, 2)).sum(1);
    }

    /** {@code act(x·W + b)} with {@code W} an {@code in × out} variable (Dense). */
    private SDVariable dense(String name, SDVariable x, int in, int out, boolean relu) {
        SDVariable w = param(name + ".W", in, out);
        SDVariable b = param(name + ".b", out);
        if (!relu) {
            return sd.nn.linear(x, w, b);
        }
        return sd.nn.relu(sd.nn.linear(name + ".pre", x, w, b), 0);
    }

    /** A variable holding a copy of the named block, shaped as given (row-major). */
    private SDVariable param(String name, long... shape) {
        ParamLayout.Block block = layout.block(name);
        long count = 1;
        for (long s : shape) {
            count *= s;
        }
        if (count != block.size()) {
            throw new IllegalStateException("block " + name + " holds " + block.size() + " values, the graph expects "
                    + count);
        }
        double[] values = new double[block.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = params[block.offset() + i];
        }
        INDArray arr = Nd4j.create(values, shape, DataType.DOUBLE).castTo(type);
        variables.put(name, block);
        return sd.var(name, arr);
    }

    private static int width(InputShape shape) {
        int w = shape.numeric();
        for (int d : shape.dims()) {
            w += d;
        }
        return w;
    }

    private static int out(int in, List<Integer> hidden) {
        return hidden.isEmpty() ? in : hidden.get(hidden.size() - 1);
    }
}

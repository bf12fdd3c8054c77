package dev.tributary.model;

import dev.tributary.features.InputShape;
import dev.tributary.features.Batch;
import dev.tributary.optim.TaskLoss;
import dev.tributary.spec.ExpertSpec;
import dev.tributary.spec.ModelFamily;
import dev.tributary.spec.ModelSpec;
import dev.tributary.spec.TaskKind;
import dev.tributary.spec.TaskSpec;
import dev.tributary.util.Rng;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A small multi-task problem shared by the oracle tests: 5 numeric and 2 embedded categorical features,
 * encoder [6], shared experts 3 × [5, 4], task experts 2 × [4], towers [3], and three tasks (binary,
 * 3-class, regression) over a 9-row batch in which rows of different tasks are interleaved and two rows
 * carry none (or over rows of given tasks, e.g. a batch in which a task has no rows).
 * The loss {@code J = Σ_t w_t Σ_{rows of t} ℓ_t + tie penalty} is written independently in SameDiff.
 */
final class OracleFixture {
    static final InputShape SHAPE = new InputShape(5, new int[]{4, 3}, new int[]{3, 2});
    static final List<TaskSpec> TASKS = List.of(
            new TaskSpec("click", TaskKind.BINARY, List.of(), "click.events", false),
            new TaskSpec("genre", TaskKind.MULTICLASS, List.of("drama", "comedy", "news"), "genre.events", false),
            new TaskSpec("price", TaskKind.REGRESSION, List.of(), "price.events", false));
    static final double[] WEIGHTS = {0.7, 1.3, 0.9};
    static final int[] ROW_TASKS = {0, 1, 2, -1, 0, 2, 1, -1, 0};
    /** Interleaved rows in which the second task (multiclass) has none. */
    static final int[] NO_GENRE_ROWS = {2, 0, -1, 2, 0, 0, 2, -1, 0, 2};
    static final double SOFT_SHARING_L2 = 0.05;
    /** Every ReLU pre-activation must be at least this far from 0 for the checks to be well posed. */
    static final double KINK_MARGIN = 1e-4;

    final ModelSpec spec;
    final Batch batch;
    final float[] params;
    final long seed;

    private OracleFixture(ModelSpec spec, Batch batch, float[] params, long seed) {
        this.spec = spec;
        this.batch = batch;
        this.params = params;
        this.seed = seed;
    }

    /** Encoder [6], shared experts 3 × [5, 4], task experts 2 × [4] (CGC, PLE), 2 levels (PLE), towers [3]. */
    static ModelSpec spec(ModelFamily family, double gateTemperature) {
        return spec(family, gateTemperature, List.of(6), List.of(3));
    }

    static ModelSpec spec(ModelFamily family, double gateTemperature, List<Integer> encoder, List<Integer> tower) {
        boolean own = family == ModelFamily.CGC || family == ModelFamily.PLE;
        return new ModelSpec(family, encoder, new ExpertSpec(3, List.of(5, 4)),
                own ? new ExpertSpec(2, List.of(4)) : ExpertSpec.none(), family == ModelFamily.PLE ? 2 : 1,
                tower, gateTemperature, 0.1, family == ModelFamily.SOFT_SHARING ? SOFT_SHARING_L2 : 0.0);
    }

    /** Seeded inputs and parameters; the first seed from {@code firstSeed} whose ReLUs all clear the kink margin. */
    static OracleFixture create(ModelSpec spec, long firstSeed) {
        return create(spec, firstSeed, ROW_TASKS.length);
    }

    /** As {@link #create(ModelSpec, long)} with {@code rows} rows (tasks cycling through {@link #ROW_TASKS}). */
    static OracleFixture create(ModelSpec spec, long firstSeed, int rows) {
        return create(spec, firstSeed, cycled(rows));
    }

    /** As {@link #create(ModelSpec, long)} with one row per entry of {@code rowTasks}, of that task. */
    static OracleFixture create(ModelSpec spec, long firstSeed, int[] rowTasks) {
        for (long seed = firstSeed; seed < firstSeed + 50; seed++) {
            OracleFixture f = withSeed(spec, seed, rowTasks);
            SameDiffExport export = SameDiffExport.build(spec, SHAPE, TASKS, f.params, DataType.DOUBLE,
                    SameDiffExport.Lookup.ONE_HOT);
            if (minReluDistance(export, export.inputs(f.batch)) >= KINK_MARGIN) {
                return f;
            }
        }
        throw new IllegalStateException("no seed keeps every ReLU " + KINK_MARGIN + " from its kink");
    }

    private static int[] cycled(int rows) {
        int[] tasks = new int[rows];
        for (int r = 0; r < rows; r++) {
            tasks[r] = ROW_TASKS[r % ROW_TASKS.length];
        }
        return tasks;
    }

    private static OracleFixture withSeed(ModelSpec spec, long seed, int[] rowTasks) {
        int rows = rowTasks.length;
        Rng rng = new Rng(seed);
        Batch batch = new Batch(SHAPE.numeric(), SHAPE.categorical(), rows);
        batch.setRows(rows);
        for (int i = 0; i < rows * SHAPE.numeric(); i++) {
            batch.numeric[i] = (float) rng.nextGaussian();
        }
        for (int r = 0; r < rows; r++) {
            for (int f = 0; f < SHAPE.categorical(); f++) {
                batch.categorical[r * SHAPE.categorical() + f] = rng.nextInt(SHAPE.buckets()[f]);
            }
            batch.task[r] = rowTasks[r];
            batch.target[r] = switch (batch.task[r]) {
                case 0 -> r % 2;
                case 1 -> r % 3;
                case 2 -> (float) rng.nextGaussian();
                default -> 0f;
            };
        }
        MultiTaskNetwork net = Networks.create(spec, SHAPE, TASKS, Kernels.scalar());
        float[] params = new float[net.layout().size()];
        net.layout().initialise(params, rng);
        for (int i = 0; i < params.length; i++) {
            params[i] += (float) (0.1 * rng.nextGaussian()); // non-zero biases, untied soft-sharing bottoms
        }
        return new OracleFixture(spec, batch, params, seed);
    }

    /** The smallest |pre-activation| over every ReLU unit and row. */
    static double minReluDistance(SameDiffExport export, Map<String, INDArray> inputs) {
        List<String> pre = new ArrayList<>();
        for (SDVariable v : export.sameDiff().variables()) {
            if (v.name().endsWith(".pre")) {
                pre.add(v.name());
            }
        }
        double min = Double.POSITIVE_INFINITY;
        if (pre.isEmpty()) {
            return min;
        }
        for (INDArray a : export.sameDiff().output(inputs, pre.toArray(String[]::new)).values()) {
            min = Math.min(min, a.aminNumber().doubleValue());
        }
        return min;
    }

    /** Our side: forward (scoring mode), task losses, backward, penalty. */
    static final class Ours {
        float[][] raw;
        float[][] gateWeights;
        float[] grads;
        double loss;
        double penalty;
    }

    /**
     * @param reused first run the network on a larger batch, so that the checked pass runs on grown,
     *               dirty buffers (proves no state leaks from one batch into the next)
     */
    Ours ours(Kernels kernels, boolean reused) {
        MultiTaskNetwork net = Networks.create(spec, SHAPE, TASKS, kernels);
        if (reused) {
            OracleFixture other = withSeed(spec, seed + 1000, cycled(2 * ROW_TASKS.length));
            run(net, other.params, other.batch);
        }
        Ours o = run(net, params, batch);
        if (spec.family().hasExperts()) {
            o.gateWeights = new float[TASKS.size()][];
            for (int t = 0; t < TASKS.size(); t++) {
                o.gateWeights[t] = java.util.Arrays.copyOf(net.gateWeights(t), batch.rows() * net.gateWidth(t));
            }
        }
        return o;
    }

    private static Ours run(MultiTaskNetwork net, float[] params, Batch batch) {
        net.forward(params, batch, false, null);
        Ours o = new Ours();
        o.raw = new float[TASKS.size()][];
        for (int t = 0; t < TASKS.size(); t++) {
            TaskSpec task = TASKS.get(t);
            TaskLoss loss = TaskLoss.forKind(task.kind(), task.classes().size());
            o.raw[t] = java.util.Arrays.copyOf(net.output(t), batch.rows() * task.outputs());
            o.loss += WEIGHTS[t] * loss.lossAndGrad(net.output(t), batch, t, WEIGHTS[t], net.outputGrad(t));
        }
        o.grads = new float[params.length];
        net.backward(params, o.grads, batch);
        o.penalty = net.regularize(params, o.grads);
        o.loss += o.penalty;
        return o;
    }

    /** The SameDiff name of task {@code t}'s last-level gate weights. */
    String gateWeightsName(int t) {
        if (spec.family() == ModelFamily.OMOE) {
            return "level0.gate.weights";
        }
        int last = spec.family() == ModelFamily.PLE ? spec.levels() - 1 : 0;
        return "level" + last + ".gate." + TASKS.get(t).name() + ".weights";
    }

    /**
     * Adds {@code J} (named "J", also the loss variable) and the tie penalty ("tie") to the graph, from
     * the per-row losses written out directly: softplus(z) − y·z, log Σ exp(z) − z_y, ½(z − y)².
     */
    void addLoss(SameDiffExport export) {
        SameDiff sd = export.sameDiff();
        int rows = batch.rows();
        SDVariable total = null;
        for (int t = 0; t < TASKS.size(); t++) {
            TaskSpec task = TASKS.get(t);
            int k = task.outputs();
            double[] mask = new double[rows];
            double[] y = new double[rows * k];
            for (int r = 0; r < rows; r++) {
                mask[r] = batch.task[r] == t ? 1 : 0;
                if (task.kind() == TaskKind.MULTICLASS) {
                    y[r * k + (batch.task[r] == t ? (int) batch.target[r] : 0)] = 1;
                } else {
                    y[r] = batch.target[r];
                }
            }
            SDVariable z = sd.getVariable(SameDiffExport.rawOutput(task.name()));
            SDVariable target = sd.constant(Nd4j.create(y, new long[]{rows, k}, DataType.DOUBLE));
            // rows × 1 (ND4J 1.0.0-M2.1 fails on a sum over a dimension of size 1, so none is taken)
            SDVariable perRow = switch (task.kind()) {
                case BINARY -> sd.nn.softplus(z).sub(target.mul(z));
                case MULTICLASS -> sd.math.log(sd.sum(sd.math.exp(z), true, 1)).sub(sd.sum(target.mul(z), true, 1));
                case REGRESSION -> sd.math.square(z.sub(target)).mul(0.5);
            };
            SDVariable m = sd.constant(Nd4j.create(mask, new long[]{rows, 1}, DataType.DOUBLE));
            SDVariable term = perRow.mul(m).sum().mul(WEIGHTS[t]);
            total = total == null ? term : total.add(term);
        }
        SDVariable tie = tiePenalty(export);
        sd.identity("tie", tie);
        sd.identity("J", total.add(tie));
        sd.setLossVariables("J");
    }

    /** λ·Σ_{s<t} ||θ_s − θ_t||² over the per-task bottoms, written pairwise (soft sharing), else 0. */
    private SDVariable tiePenalty(SameDiffExport export) {
        SameDiff sd = export.sameDiff();
        if (spec.family() != ModelFamily.SOFT_SHARING) {
            return sd.constant(0.0);
        }
        String first = "task." + TASKS.get(0).name() + ".";
        SDVariable sum = null;
        for (String name : export.parameters().keySet()) {
            if (!name.startsWith(first)) {
                continue;
            }
            String suffix = name.substring(first.length());
            for (int s = 0; s < TASKS.size(); s++) {
                for (int t = s + 1; t < TASKS.size(); t++) {
                    SDVariable a = sd.getVariable("task." + TASKS.get(s).name() + "." + suffix);
                    SDVariable b = sd.getVariable("task." + TASKS.get(t).name() + "." + suffix);
                    SDVariable d = sd.math.square(a.sub(b)).sum();
                    sum = sum == null ? d : sum.add(d);
                }
            }
        }
        return sum.mul(SOFT_SHARING_L2);
    }
}

package dev.tributary.model;

import dev.tributary.features.InputShape;
import dev.tributary.features.Batch;
import dev.tributary.spec.ModelSpec;
import dev.tributary.spec.TaskSpec;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link MultiTaskNetwork} rewritten as an ND4J SameDiff graph that computes exactly what the
 * network computes for scoring. It has two uses:
 * <ol>
 *   <li><b>Gradient oracle</b> (DESIGN.md §4.2, §5): built in {@link DataType#DOUBLE}, SameDiff's
 *       automatic differentiation of a loss on this graph (with {@link Lookup#ONE_HOT} embedding lookups)
 *       is the reference against which the hand-derived backward passes of every family are tested.</li>
 *   <li><b>Model interchange</b> for DL4J/ND4J users: built in {@link DataType#FLOAT} from a trained
 *       model's parameters and saved with {@code sameDiff().save(file, false)}, the graph can be loaded
 *       anywhere ND4J runs with {@code SameDiff.load(file, false)} and scored without Tributary.</li>
 * </ol>
 *
 * <p><b>Graph contract.</b> Inputs are placeholders with a free row dimension:
 * {@value #NUMERIC_INPUT} ({@code [rows, numeric]}, the data type of the graph; the standardised
 * numeric features in declaration order, absent when there are none) and, per categorical feature
 * {@code f} in declaration order, {@code categorical_<f>} ({@code [rows]}, INT; the embedding row
 * (hash bucket) as the feature encoder produces it; the network refuses an index outside
 * {@code 0..buckets-1}, the graph does not check). Outputs, per task: {@code <task>_raw}
 * ({@code [rows, outputs]}: the logit, the class logits, or the standardised regression value, as
 * {@link MultiTaskNetwork#output} gives them) and {@code <task>_score} (sigmoid, softmax over the
 * classes, or the identity). The feature encoder (online standardisation, hashing) is not part of the
 * graph: callers feed encoded rows, and a regression score is on the standardised target scale.
 * Expert dropout acts only in training and is not part of the graph either.
 *
 * <pre>{@code
 * SameDiffExport.build(spec, shape, tasks, params, DataType.FLOAT).sameDiff().save(file, false);
 * // elsewhere, with only ND4J on the class path:
 * SameDiff sd = SameDiff.load(file, false);
 * INDArray p = sd.output(Map.of("numeric", x, "categorical_0", idx), "income_score").get("income_score");
 * }</pre>
 *
 * <p><b>Parameters.</b> Every block of the network's {@link ParamLayout} becomes one SameDiff variable
 * of the same name ({@code encoder.0.W}, {@code level0.shared.fused.W}, …); a weight {@code W} has
 * shape {@code [in, out]}, a bias {@code b} shape {@code [out]}, an embedding table
 * {@code [buckets, dim]}. {@link #parameterBlock} maps a variable back to its block, and
 * {@link #toFlat} lays per-variable arrays (such as SameDiff's gradients) out as the network's flat
 * buffer. The pre-activation of every ReLU layer is the variable {@code <layer>.pre}, and the softmax
 * weights of every gate {@code <gate>.weights} (e.g. {@code level0.gate.income.weights}, rows × experts).
 */
public final class SameDiffExport {
    /** Name of the numeric input placeholder. */
    public static final String NUMERIC_INPUT = "numeric";

    private final SameDiff sd;
    private final ParamLayout layout;
    private final Map<String, ParamLayout.Block> parameters;
    private final InputShape shape;
    private final List<TaskSpec> tasks;
    private final DataType dataType;

    private SameDiffExport(SameDiff sd, ParamLayout layout, Map<String, ParamLayout.Block> parameters,
                           InputShape shape, List<TaskSpec> tasks, DataType dataType) {
        this.sd = sd;
        this.layout = layout;
        this.parameters = Collections.unmodifiableMap(parameters);
        this.shape = shape;
        this.tasks = List.copyOf(tasks);
        this.dataType = dataType;
    }

    /** How the graph looks up embedding rows; both give the same values. */
    public enum Lookup {
        /**
         * {@code gather} of the indexed rows: cheap, for scoring and export. Not for gradients: in ND4J
         * 1.0.0-M2.1 the gather backward pass is wrong for repeated or unordered indices, and fails to
         * build when a graph holds two gathers.
         */
        GATHER,
        /**
         * {@code oneHot(index)·table}: exact in value and differentiable (its gradient is the scatter-add
         * {@code onehotᵀ·dOut}), at {@code rows × buckets × dim} multiply-adds per feature; for gradients.
         */
        ONE_HOT
    }

    /**
     * Builds the scoring/export graph ({@link Lookup#GATHER}) of the network that
     * {@link Networks#create(ModelSpec, InputShape, List)} makes from the same arguments.
     *
     * @param params   the network's flat parameter buffer ({@link ParamLayout#size()} floats)
     * @param dataType {@link DataType#FLOAT} for export, {@link DataType#DOUBLE} for reference values
     */
    public static SameDiffExport build(ModelSpec spec, InputShape shape, List<TaskSpec> tasks, float[] params,
                                       DataType dataType) {
        return build(spec, shape, tasks, params, dataType, Lookup.GATHER);
    }

    /**
     * Builds the graph of the network that {@link Networks#create(ModelSpec, InputShape, List)} makes from
     * the same arguments, holding a copy of {@code params}.
     *
     * @param params   the network's flat parameter buffer ({@link ParamLayout#size()} floats)
     * @param dataType {@link DataType#DOUBLE} for gradient checks, {@link DataType#FLOAT} for export
     * @param lookup   {@link Lookup#ONE_HOT} when SameDiff is to differentiate the graph
     */
    public static SameDiffExport build(ModelSpec spec, InputShape shape, List<TaskSpec> tasks, float[] params,
                                       DataType dataType, Lookup lookup) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(lookup, "lookup");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(tasks, "tasks");
        Objects.requireNonNull(params, "params");
        if (dataType != DataType.FLOAT && dataType != DataType.DOUBLE) {
            throw new IllegalArgumentException("dataType must be FLOAT or DOUBLE, found " + dataType);
        }
        ParamLayout layout = Networks.create(spec, shape, tasks, Kernels.scalar()).layout();
        if (params.length != layout.size()) {
            throw new IllegalArgumentException("params has " + params.length + " floats, the " + spec.family()
                    + " layout needs " + layout.size());
        }
        SameDiff sd = SameDiff.create();
        SDVariable numeric = shape.numeric() > 0
                ? sd.placeHolder(NUMERIC_INPUT, dataType, -1, shape.numeric()) : null;
        SDVariable[] categorical = new SDVariable[shape.categorical()];
        for (int f = 0; f < categorical.length; f++) {
            categorical[f] = sd.placeHolder(categoricalInput(f), DataType.INT, -1);
        }
        SameDiffGraphBuilder builder = new SameDiffGraphBuilder(sd, layout, params, dataType, lookup, numeric,
                categorical);
        List<SDVariable> raw = builder.build(spec, shape, tasks);
        for (int t = 0; t < tasks.size(); t++) {
            TaskSpec task = tasks.get(t);
            SDVariable z = sd.identity(rawOutput(task.name()), raw.get(t));
            switch (task.kind()) {
                case BINARY -> sd.nn.sigmoid(scoreOutput(task.name()), z);
                case MULTICLASS -> sd.nn.softmax(scoreOutput(task.name()), z, 1);
                case REGRESSION -> sd.identity(scoreOutput(task.name()), z);
            }
        }
        for (ParamLayout.Block b : layout.blocks()) {
            if (!builder.variables().containsKey(b.name())) {
                throw new IllegalStateException("the " + spec.family() + " graph does not use parameter block "
                        + b.name());
            }
        }
        return new SameDiffExport(sd, layout, builder.variables(), shape, tasks, dataType);
    }

    /** Name of categorical feature {@code feature}'s index placeholder. */
    public static String categoricalInput(int feature) {
        return "categorical_" + feature;
    }

    /** Name of a task's raw-output variable. */
    public static String rawOutput(String task) {
        return task + "_raw";
    }

    /** Name of a task's score variable (probability, class distribution or standardised value). */
    public static String scoreOutput(String task) {
        return task + "_score";
    }

    /** The graph; save it with {@code sameDiff().save(file, false)}. */
    public SameDiff sameDiff() {
        return sd;
    }

    public DataType dataType() {
        return dataType;
    }

    /** The network's parameter layout, whose blocks the graph's variables copy. */
    public ParamLayout layout() {
        return layout;
    }

    /** Every parameter variable's name and the block it was copied from, in layout-use order. */
    public Map<String, ParamLayout.Block> parameters() {
        return parameters;
    }

    /** The parameter block a variable was copied from; empty for ops, placeholders and constants. */
    public Optional<ParamLayout.Block> parameterBlock(String variableName) {
        return Optional.ofNullable(parameters.get(variableName));
    }

    /** The parameter block a variable was copied from; empty for ops, placeholders and constants. */
    public Optional<ParamLayout.Block> parameterBlock(SDVariable variable) {
        return parameterBlock(variable.name());
    }

    /**
     * Lays per-variable arrays out as the network's flat buffer: block {@code b}'s values go to
     * {@code [b.offset, b.offset + b.size)}, row-major. Every parameter variable must be present.
     */
    public double[] toFlat(Map<String, INDArray> byVariable) {
        double[] flat = new double[layout.size()];
        for (Map.Entry<String, ParamLayout.Block> e : parameters.entrySet()) {
            INDArray a = byVariable.get(e.getKey());
            if (a == null) {
                throw new IllegalArgumentException("no array for parameter variable " + e.getKey());
            }
            ParamLayout.Block b = e.getValue();
            if (a.length() != b.size()) {
                throw new IllegalArgumentException(e.getKey() + " has " + a.length() + " values, its block "
                        + b.size());
            }
            double[] values = a.dup('c').castTo(DataType.DOUBLE).data().asDouble();
            System.arraycopy(values, 0, flat, b.offset(), b.size());
        }
        return flat;
    }

    /** The placeholder values for a batch's rows, in the graph's data type. */
    public Map<String, INDArray> inputs(Batch batch) {
        Objects.requireNonNull(batch, "batch");
        if (batch.numericWidth != shape.numeric() || batch.categoricalWidth != shape.categorical()) {
            throw new IllegalArgumentException("batch has " + batch.numericWidth + " numeric and "
                    + batch.categoricalWidth + " categorical columns, the graph " + shape.numeric() + " and "
                    + shape.categorical());
        }
        int rows = batch.rows();
        Map<String, INDArray> in = new HashMap<>();
        if (shape.numeric() > 0) {
            float[] x = java.util.Arrays.copyOf(batch.numeric, rows * shape.numeric());
            in.put(NUMERIC_INPUT, Nd4j.create(x, new long[]{rows, shape.numeric()}, DataType.FLOAT)
                    .castTo(dataType));
        }
        int cw = shape.categorical();
        for (int f = 0; f < cw; f++) {
            int[] idx = new int[rows];
            for (int r = 0; r < rows; r++) {
                idx[r] = batch.categorical[r * cw + f];
            }
            in.put(categoricalInput(f), Nd4j.createFromArray(idx));
        }
        return in;
    }

    /** The tasks whose outputs the graph computes, in order. */
    public List<TaskSpec> tasks() {
        return tasks;
    }
}

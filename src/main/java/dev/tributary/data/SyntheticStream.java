package dev.tributary.data;

import org.apache.commons.math3.distribution.ZipfDistribution;
import org.apache.commons.math3.random.AbstractRandomGenerator;

import dev.tributary.event.Event;
import dev.tributary.spec.SyntheticSpec;
import dev.tributary.spec.TaskKind;
import dev.tributary.spec.TaskSpec;
import dev.tributary.spec.TopologySpec;
import dev.tributary.util.Rng;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The synthetic multi-task stream of Ma et al., "Modeling Task Relationships in Multi-task Learning
 * with Multi-gate Mixture-of-Experts" (KDD 2018), §4, whose task correlation {@code p} is a dial.
 *
 * <p>For T tasks it draws T orthonormal vectors {@code u_1..u_T} in R^d (Gram-Schmidt on Gaussian
 * vectors, so d ≥ T), sets {@code w_1 = c·u_1} and {@code w_i = c·(p·u_1 + √(1−p²)·u_i)}, and draws
 * {@code α_j, β_j ~ N(0,1)}, j = 1..m, shared by the tasks. Each row draws {@code x ~ N(0, I_d)} and
 * {@code y_i = w_iᵀx + Σ_j sin(α_j·w_iᵀx + β_j) + ε_i}, {@code ε_i ~ N(0, noise²)}. A binary task's
 * label is {@code y_i > 0}, a regression task's {@code y_i}. The features are {@code x0 .. x<d-1>};
 * with {@link SyntheticSpec#ids()}, each row also draws an id {@code k} from a Zipf law (Apache Commons
 * Math's rejection-inversion sampler) and adds the id's effect to every {@code y_i}.
 *
 * <p>Each row yields one event per task, in task order, with id {@code syn-<row>} and the row index as
 * timestamp; {@link SyntheticSpec#events()} rows in all. {@link #nextRow()} gives a whole row with every
 * target instead. {@link #withFlip} negates a task's {@code w} from a given row on: an abrupt change of
 * that task's label relationship, for drift tests.
 *
 * <p>All randomness comes from {@link Rng}s derived from the seed, so a seed fixes the stream. Not
 * thread-safe.
 */
public final class SyntheticStream implements Iterator<Event> {
    private final SyntheticSpec spec;
    private final List<TaskSpec> tasks;
    private final double[][] units;
    private final double[][] weights;
    private final double[] alpha;
    private final double[] beta;
    private final String[] featureNames;
    private final Rng rows;
    private final List<List<Long>> flips;
    private final ArrayDeque<Event> pending = new ArrayDeque<>();
    private final ZipfDistribution zipf;
    private final long idSeed;
    private long next;

    /** The generator of {@code spec.synthetic()} for {@code spec}'s tasks, seeded with {@code spec.seed()}. */
    public SyntheticStream(TopologySpec spec) {
        this(requireSynthetic(spec), spec.tasks(), spec.seed());
    }

    /** The generator of {@code spec} for {@code tasks} (binary or regression), seeded with {@code seed}. */
    public SyntheticStream(SyntheticSpec spec, List<TaskSpec> tasks, long seed) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.tasks = List.copyOf(Objects.requireNonNull(tasks, "tasks"));
        validate(spec, this.tasks);
        int t = this.tasks.size();
        int d = spec.dimension();
        Rng draws = Rng.derive(seed, "synthetic.weights");
        this.units = Orthonormal.gaussianBasis(t, d, draws);
        this.weights = new double[t][d];
        double p = spec.correlation();
        double q = Math.sqrt(1.0 - p * p);
        for (int k = 0; k < d; k++) {
            weights[0][k] = spec.scale() * units[0][k];
            for (int i = 1; i < t; i++) {
                weights[i][k] = spec.scale() * (p * units[0][k] + q * units[i][k]);
            }
        }
        this.alpha = new double[spec.sinTerms()];
        this.beta = new double[spec.sinTerms()];
        for (int j = 0; j < alpha.length; j++) {
            alpha[j] = draws.nextGaussian();
            beta[j] = draws.nextGaussian();
        }
        this.featureNames = new String[d];
        for (int k = 0; k < d; k++) {
            featureNames[k] = "x" + k;
        }
        this.rows = Rng.derive(seed, "synthetic.rows");
        SyntheticSpec.Ids ids = spec.ids();
        this.zipf = ids == null ? null : new ZipfDistribution(new RngAdapter(Rng.derive(seed, "synthetic.ids")),
                ids.values(), ids.exponent());
        this.idSeed = Rng.derive(seed, "synthetic.id-effects").nextLong();
        this.flips = new ArrayList<>();
        for (int i = 0; i < t; i++) {
            flips.add(new ArrayList<>());
        }
    }

    /**
     * Negates task {@code task}'s weight vector for rows {@code atRow} and later (flips compose: a
     * second flip of the same task restores it). Call before the first row is drawn.
     *
     * @return this stream
     */
    public SyntheticStream withFlip(int task, long atRow) {
        if (task < 0 || task >= tasks.size()) {
            throw new IllegalArgumentException("flip task must be in [0, " + tasks.size() + "), found " + task);
        }
        if (atRow < 0) {
            throw new IllegalArgumentException("flip row must not be negative, found " + atRow);
        }
        if (next > 0) {
            throw new IllegalStateException("flips must be set before the first row, " + next + " rows drawn");
        }
        flips.get(task).add(atRow);
        return this;
    }

    /** Whether rows remain ({@link SyntheticSpec#events()} in all). */
    public boolean hasNextRow() {
        return next < spec.events();
    }

    /** The next row with every task's target; not to be mixed with {@link #next()} within a row. */
    public SyntheticRow nextRow() {
        if (!pending.isEmpty()) {
            throw new IllegalStateException("the events of row " + (next - 1) + " are not all consumed");
        }
        if (!hasNextRow()) {
            throw new NoSuchElementException("the synthetic stream ends after " + spec.events() + " rows");
        }
        long index = next++;
        int d = spec.dimension();
        double[] x = new double[d];
        for (int k = 0; k < d; k++) {
            x[k] = rows.nextGaussian();
        }
        int id = zipf == null ? 0 : zipf.sample();
        double idEffect = zipf == null ? 0 : spec.ids().effect() * new Rng(idSeed ^ (id * 0x9E3779B97F4A7C15L))
                .nextGaussian();
        int t = tasks.size();
        double[] linear = new double[t];
        double[] target = new double[t];
        double[] labels = new double[t];
        for (int i = 0; i < t; i++) {
            linear[i] = sign(i, index) * Orthonormal.dot(weights[i], x);
            double y = linear[i] + idEffect + rows.nextGaussian() * spec.noise();
            for (int j = 0; j < alpha.length; j++) {
                y += Math.sin(alpha[j] * linear[i] + beta[j]);
            }
            target[i] = y;
            labels[i] = tasks.get(i).kind() == TaskKind.BINARY ? (y > 0 ? 1.0 : 0.0) : y;
        }
        return new SyntheticRow(index, x, linear, target, labels, id);
    }

    /** Commons Math's generator interface over a seeded {@link Rng}, so that the ids follow the seed. */
    private static final class RngAdapter extends AbstractRandomGenerator {
        private final Rng rng;

        RngAdapter(Rng rng) {
            this.rng = rng;
        }

        @Override
        public void setSeed(long seed) {
            rng.setState(new Rng(seed).state());
        }

        @Override
        public double nextDouble() {
            return rng.nextDouble();
        }
    }

    @Override
    public boolean hasNext() {
        return !pending.isEmpty() || hasNextRow();
    }

    @Override
    public Event next() {
        if (pending.isEmpty()) {
            SyntheticRow row = nextRow();
            Map<String, Object> features = new LinkedHashMap<>();
            for (int k = 0; k < featureNames.length; k++) {
                features.put(featureNames[k], row.x()[k]);
            }
            if (zipf != null) {
                features.put(spec.ids().name(), spec.ids().name() + "-" + row.id());
            }
            Map<String, Object> shared = Collections.unmodifiableMap(features);
            String id = "syn-" + row.index();
            for (int i = 0; i < tasks.size(); i++) {
                pending.add(new Event(tasks.get(i).name(), id, row.index(), shared, row.labels()[i]));
            }
        }
        return pending.poll();
    }

    /** The remaining events as a sequential stream. */
    public Stream<Event> stream() {
        Spliterator<Event> split = Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL);
        return StreamSupport.stream(split, false);
    }

    /** A copy of task {@code task}'s unit vector {@code u_task}. */
    public double[] unitVector(int task) {
        return units[task].clone();
    }

    /** A copy of task {@code task}'s weight vector {@code w_task} (before any flip). */
    public double[] weights(int task) {
        return weights[task].clone();
    }

    private double sign(int task, long row) {
        double sign = 1.0;
        for (long at : flips.get(task)) {
            if (row >= at) {
                sign = -sign;
            }
        }
        return sign;
    }

    private static SyntheticSpec requireSynthetic(TopologySpec spec) {
        Objects.requireNonNull(spec, "spec");
        if (spec.synthetic() == null) {
            throw new IllegalArgumentException("topology '" + spec.name() + "' has no synthetic section");
        }
        return spec.synthetic();
    }

    private static void validate(SyntheticSpec spec, List<TaskSpec> tasks) {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("the synthetic stream needs at least one task");
        }
        if (spec.dimension() < tasks.size()) {
            throw new IllegalArgumentException("synthetic dimension must be at least the number of tasks ("
                    + tasks.size() + ") for orthogonal task vectors, found " + spec.dimension());
        }
        if (!(Math.abs(spec.correlation()) <= 1.0)) {
            throw new IllegalArgumentException("synthetic correlation must be in [-1, 1], found " + spec.correlation());
        }
        if (spec.sinTerms() < 0 || !(spec.noise() >= 0) || spec.events() < 0 || !Double.isFinite(spec.scale())) {
            throw new IllegalArgumentException("synthetic sinTerms, noise and events must not be negative and "
                    + "scale must be finite, found " + spec);
        }
        for (TaskSpec task : tasks) {
            if (task.kind() == TaskKind.MULTICLASS) {
                throw new IllegalArgumentException("the synthetic stream makes binary or regression tasks, task '"
                        + task.name() + "' is multiclass");
            }
        }
    }
}

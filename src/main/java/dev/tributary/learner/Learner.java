package dev.tributary.learner;

import dev.tributary.eval.TaskMetrics;
import dev.tributary.event.Event;
import dev.tributary.features.Batch;
import dev.tributary.features.FeatureEncoder;
import dev.tributary.features.RunningStats;
import dev.tributary.model.Kernels;
import dev.tributary.model.MultiTaskNetwork;
import dev.tributary.model.Networks;
import dev.tributary.optim.TaskLoss;
import dev.tributary.sampling.TaskCounters;
import dev.tributary.sampling.TaskSampler;
import dev.tributary.spec.TaskKind;
import dev.tributary.spec.TaskSpec;
import dev.tributary.spec.TopologySpec;
import dev.tributary.util.PartSink;
import dev.tributary.util.PartSource;
import dev.tributary.util.Rng;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Kafka-free online multi-task learner: one model for all of a topology's tasks, learning
 * prequentially (test-then-train) from a stream of per-task events.
 *
 * <p>Verbs: {@link #check} an event (null, or why it would be refused); {@link #process} events in
 * stream order, which scores each one with the model as it stands <em>before</em> the event (the
 * prediction is returned) and then learns from the labelled ones; {@link #predict} to score without
 * learning; {@link #snapshot} the complete state as versioned bytes and {@link #restore(TopologySpec,
 * byte[])} it.
 *
 * <p>Determinism: labelled events go to per-task buffers; every {@code batch.size} labelled arrivals
 * the task sampler forms a micro-batch and the model takes one step. Scoring runs batched over the
 * events up to the next step, so the result is exactly that of handling the events one by one, and
 * does not depend on how the stream is cut into {@code process} calls. The same spec, seed and event
 * order give bit-identical parameters; snapshot → restore mid-stream continues identically.
 *
 * <p>Monitoring ({@link TopologySpec#monitoring()}): gate health, drift detectors whose alerts
 * {@link #drainDriftAlerts} returns (and which may trigger configured reactions: reset a task's tower,
 * boost its learning rate, re-anchor GradNorm), and the running task {@link #affinity}. It is part of
 * the snapshot too. Without reactions, monitoring does not change what the model learns. Not
 * thread-safe.
 */
public final class Learner {
    final TopologySpec spec;
    final List<TaskSpec> tasks;
    private final EventValidator validator;
    final FeatureEncoder encoder;
    final RunningStats[] targets;
    final MultiTaskNetwork net;
    private final TaskLoss[] losses;
    final Trainer trainer;
    final TaskSampler<Example> sampler;
    final Rng dropoutRng;
    final TaskMetrics[] metrics;
    /** What each task's kind decides: labels, predictions, metrics and drift signals, targets. */
    private final TaskRules[] rules;
    private final TaskRules.Outcome outcome = new TaskRules.Outcome();
    final Reactions reactions;
    final Monitors monitors;
    final long[] consumed;
    final long[] labelled;
    private final Batch scoreBatch;
    private final Batch trainBatch;
    private final List<Example> drawn = new ArrayList<>();
    private final int[] drawnTasks;
    private final double[] scratch;
    private final int batchSize;
    final VocabularyRows vocabularies;

    /** A fresh learner with parameters initialised from the spec's seed. */
    public Learner(TopologySpec spec) {
        this(spec, Kernels.best());
    }

    /**
     * A fresh learner of {@code spec}; refuses a topology whose tables would not fit the heap, with the
     * numbers ({@link LearnerMemory}).
     */
    public Learner(TopologySpec spec, Kernels kernels) {
        LearnerMemory.of(spec).requireFits(spec.name(), Runtime.getRuntime().maxMemory());
        this.spec = spec;
        this.tasks = spec.tasks();
        this.validator = new EventValidator(spec);
        this.encoder = new FeatureEncoder(spec.features());
        this.net = Networks.create(spec.model(), encoder.shape(), tasks, kernels);
        int n = tasks.size();
        this.losses = new TaskLoss[n];
        this.targets = new RunningStats[n];
        this.metrics = new TaskMetrics[n];
        this.rules = new TaskRules[n];
        int maxOutputs = 1;
        for (int t = 0; t < n; t++) {
            TaskSpec task = tasks.get(t);
            losses[t] = TaskLoss.forKind(task.kind(), task.classes().size());
            targets[t] = new RunningStats();
            metrics[t] = TaskMetrics.forKind(task.kind(), task.classes().size(), 1000);
            rules[t] = TaskRules.of(task);
            maxOutputs = Math.max(maxOutputs, task.outputs());
        }
        this.trainer = Trainer.create(spec, net, losses);
        this.batchSize = spec.batch().size();
        this.vocabularies = new VocabularyRows(encoder, net.layout(), batchSize);
        this.sampler = TaskSampler.forTasks(spec.sampler(), tasks, spec.seed(),
                Example.codec(vocabularies.features.length));
        this.dropoutRng = Rng.derive(spec.seed(), "dropout");
        List<String> names = tasks.stream().map(TaskSpec::name).toList();
        this.reactions = new Reactions(spec.monitoring().reactions(), names, spec.seed(), trainer, net);
        this.monitors = new Monitors(spec, net, losses, reactions, trainer);
        this.consumed = new long[n];
        this.labelled = new long[n];
        var shape = encoder.shape();
        this.scoreBatch = new Batch(shape.numeric(), shape.categorical(), batchSize);
        this.trainBatch = new Batch(shape.numeric(), shape.categorical(), batchSize);
        this.drawnTasks = new int[batchSize];
        this.scratch = new double[maxOutputs];
    }

    /** Restores a learner from {@link #snapshot()} bytes; throws {@link SnapshotException} if they do not fit. */
    public static Learner restore(TopologySpec spec, byte[] snapshot) {
        Learner learner = new Learner(spec);
        SnapshotCodec.read(learner, snapshot);
        learner.trainer.markAllRowsChanged();
        learner.vocabularies.markAllChanged();
        return learner;
    }

    /**
     * Writes what changed since the last checkpoint into {@code sink}: every named part (a store keeps
     * only those whose bytes differ from what it holds) and the embedding rows changed since (all of
     * them after a dense step or a restore from {@link #snapshot()} bytes). A store that applies every
     * checkpoint in order holds the whole learner; {@link #restore(TopologySpec, PartSource)} rebuilds
     * it.
     */
    public void checkpoint(PartSink sink) {
        Checkpoints.write(this, sink);
    }

    /**
     * Restores a learner from the parts and rows of its checkpoints; throws {@link SnapshotException}
     * if a part is missing, corrupt or of another spec.
     */
    public static Learner restore(TopologySpec spec, PartSource source) {
        Learner learner = new Learner(spec);
        Checkpoints.read(learner, source);
        return learner;
    }

    /** The complete learner state as versioned bytes (DESIGN.md §4.5). */
    public byte[] snapshot() {
        return SnapshotCodec.write(this);
    }

    public TopologySpec spec() {
        return spec;
    }

    /** Null when {@link #process} would accept the event, otherwise the reason it would be refused. */
    public String check(Event event) {
        return validator.check(event, encoder.slotted(event.features()) != null);
    }

    /** How many of the event's features the spec does not declare (they are ignored). */
    public int undeclaredFeatures(Event event) {
        var slotted = encoder.slotted(event.features());
        if (slotted != null) {
            return slotted.undeclared();
        }
        int n = 0;
        for (String name : event.features().keySet()) {
            if (!encoder.declares(name)) {
                n++;
            }
        }
        return n;
    }

    /** Scores events without learning from them and without changing any state. */
    public List<Prediction> predict(List<Event> events) {
        requireValid(events);
        List<Prediction> out = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i += batchSize) {
            int end = Math.min(events.size(), i + batchSize);
            encodeAndScore(events, i, end, out, false);
        }
        return out;
    }

    /**
     * Test-then-train over events in stream order: returns one prediction per event, each made before
     * the model learned from that event. All events are checked first; if any is invalid an
     * {@link InvalidEventException} names it and no state has changed.
     */
    public List<Prediction> process(List<Event> events) {
        requireValid(events);
        List<Prediction> out = new ArrayList<>(events.size());
        int i = 0;
        while (i < events.size()) {
            long untilStep = Math.max(1, batchSize - sampler.pending());
            int end = i;
            long labels = 0;
            while (end < events.size() && end - i < batchSize && labels < untilStep) {
                if (events.get(end++).labelled()) {
                    labels++;
                }
            }
            i = encodeAndScore(events, i, end, out, true);
        }
        return out;
    }

    private void requireValid(List<Event> events) {
        for (Event e : events) {
            String why = check(e);
            if (why != null) {
                throw new InvalidEventException("event " + (e.id() == null ? "" : "'" + e.id() + "' ") + "of task '"
                        + e.task() + "': " + why);
            }
        }
    }

    /**
     * Scores events [from, to) in one forward pass, then (if learning) folds them in and trains; returns
     * where it stopped. Learning stops the pass after an event whose value a vocabulary gave a row to:
     * the events before it are scored with that row as it was, the events after it with the row started
     * afresh.
     */
    private int encodeAndScore(List<Event> events, int from, int to, List<Prediction> out, boolean learn) {
        int rows = to - from;
        boolean reassigned = false;
        int[] taskOf = new int[rows];
        for (int r = 0; r < rows && !reassigned; r++) {
            Event e = events.get(from + r);
            taskOf[r] = spec.taskIndex(e.task()).orElseThrow();
            encoder.encode(e.features(), scoreBatch, r);
            scoreBatch.task[r] = taskOf[r];
            if (learn) {
                reassigned = vocabularies.observe(e.features(), e.timestamp(), r);
                if (reassigned) {
                    rows = r + 1;
                }
            }
        }
        scoreBatch.setRows(rows);
        net.forward(trainer.params, scoreBatch, false, null);
        long version = trainer.steps();
        for (int r = 0; r < rows; r++) {
            Event e = events.get(from + r);
            out.add(predictionOf(e, taskOf[r], r, version));
            if (learn) {
                learnFrom(e, taskOf[r], r);
            }
        }
        if (reassigned) {
            vocabularies.restartReassigned(trainer);
        }
        if (learn && sampler.pending() >= batchSize) {
            trainStep();
        }
        return from + rows;
    }

    private Prediction predictionOf(Event e, int t, int row, long version) {
        losses[t].score(net.output(t), row, scratch);
        return rules[t].predict(e, scratch, targets[t], version);
    }

    /** Prequential metrics, gate health, the target scaler and the task buffer learn from one scored event. */
    private void learnFrom(Event e, int t, int row) {
        consumed[t]++;
        monitors.observeGate(t, row, e.timestamp(), trainer.steps());
        if (!e.labelled()) {
            return;
        }
        labelled[t]++;
        losses[t].score(net.output(t), row, scratch);
        rules[t].learn(e.label(), scratch, metrics[t], targets[t], outcome);
        monitors.drift.observe(t, outcome.error, outcome.loss, outcome.label, e.timestamp(), trainer.steps());
        int nc = scoreBatch.categoricalWidth;
        int nn = scoreBatch.numericWidth;
        sampler.offer(t, new Example(
                Arrays.copyOfRange(scoreBatch.numeric, row * nn, row * nn + nn),
                Arrays.copyOfRange(scoreBatch.categorical, row * nc, row * nc + nc),
                vocabularies.fingerprints(row), outcome.target));
    }

    private void trainStep() {
        int rows = sampler.nextBatch(batchSize, drawn, drawnTasks);
        if (rows == 0) {
            return;
        }
        trainBatch.setRows(rows);
        int nn = trainBatch.numericWidth;
        int nc = trainBatch.categoricalWidth;
        for (int r = 0; r < rows; r++) {
            Example ex = drawn.get(r);
            System.arraycopy(ex.numeric(), 0, trainBatch.numeric, r * nn, nn);
            System.arraycopy(ex.categorical(), 0, trainBatch.categorical, r * nc, nc);
            vocabularies.lookUp(ex, trainBatch, r);
            trainBatch.task[r] = drawnTasks[r];
            trainBatch.target[r] = ex.target();
        }
        monitors.beforeStep(trainer.steps() + 1, trainer.params, trainBatch);
        boolean stepped = trainer.step(trainBatch, dropoutRng, 1.0);
        reactions.afterBatch();
        if (stepped) {
            for (int t = 0; t < tasks.size(); t++) {
                if (!Double.isNaN(trainer.lastLoss[t])) {
                    sampler.reportLoss(t, trainer.lastLoss[t]);
                }
            }
        }
    }

    /**
     * The drift alerts raised since the last call (per task, by default: ADWIN on the prequential error
     * and on the label, Page-Hinkley on the loss, a share-shift detector on the gate), oldest first; each
     * says which reaction it triggered.
     */
    public List<DriftAlert> drainDriftAlerts() {
        return monitors.drift.drain();
    }

    /**
     * The running task affinity, or empty when it is off (monitoring disabled, {@code affinity.everyBatches}
     * 0, or a family without shared parameters).
     */
    public Optional<Affinity> affinity() {
        if (monitors.affinity == null) {
            return Optional.empty();
        }
        return Optional.of(new Affinity(tasks.stream().map(TaskSpec::name).toList(), monitors.affinity.matrix(),
                monitors.affinity.samples()));
    }

    /** Events scored and learned from so far, over all tasks. */
    public long consumed() {
        long sum = 0;
        for (long c : consumed) {
            sum += c;
        }
        return sum;
    }

    /** Training steps taken so far: the model version stamped on predictions. */
    public long steps() {
        return trainer.steps();
    }

    /** A copy of the flat parameter buffer. */
    public float[] parameters() {
        return trainer.params.clone();
    }

    /** The number of parameters. */
    public int parameterCount() {
        return trainer.params.length;
    }

    /** Per-task counters and metrics, for publishing. See {@link LearnerStats}. */
    public LearnerStats stats() {
        List<LearnerStats.TaskStats> perTask = new ArrayList<>();
        double[] p = sampler.probabilities();
        for (int t = 0; t < tasks.size(); t++) {
            TaskCounters c = sampler.counters(t);
            Map<String, Double> m = metrics[t].snapshot();
            var gates = monitors.gates;
            double[] shares = gates == null ? null : gates.meanShares(t);
            perTask.add(new LearnerStats.TaskStats(tasks.get(t).name(), tasks.get(t).kind(), consumed[t], labelled[t],
                    c.trained(), c.replayed(), c.subsampled(), c.buffered(), p[t], trainer.weights[t],
                    trainer.lastLoss[t], m, shares, gates == null ? Double.NaN : gates.entropy(t),
                    trainer.taskLrScale[t]));
        }
        var gates = monitors.gates;
        return new LearnerStats(trainer.steps(), trainer.skippedNonFinite, perTask,
                gates != null && gates.collapsed(), gates != null && gates.tasksIndistinguishable(),
                vocabularies.stats());
    }

    /** The kind of task {@code t}. */
    TaskKind kind(int t) {
        return tasks.get(t).kind();
    }
}

package dev.tributary.spec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A learning topology: which tasks, features, model, optimizer, loss weighting, sampler and batching,
 * and optionally how a data set maps onto the tasks. Immutable; built and validated by
 * {@link SpecLoader}.
 *
 * @param name      the topology's name (also the default Kafka Streams application id)
 * @param seed      seed of every random decision
 * @param tasks     at least one task, unique names
 * @param features  declared input features, unique names
 * @param model     model family and sizes
 * @param optimizer update rule
 * @param weighting loss weighting
 * @param sampler   task sampler
 * @param batch     micro-batching
 * @param dataset   data set mapping, may be {@code null}
 * @param synthetic synthetic data generator settings, may be {@code null}
 * @param monitoring metrics interval, drift detectors, task affinity and drift reactions; not part of
 *                   the {@link #fingerprint()}
 */
public record TopologySpec(String name, long seed, List<TaskSpec> tasks, List<FeatureSpec> features,
                           ModelSpec model, OptimizerSpec optimizer, WeightingSpec weighting, SamplerSpec sampler,
                           BatchSpec batch, DatasetSpec dataset,
                           SyntheticSpec synthetic, MonitoringSpec monitoring) {
    public TopologySpec {
        Objects.requireNonNull(name, "name");
        tasks = List.copyOf(tasks);
        features = List.copyOf(features);
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(weighting, "weighting");
        Objects.requireNonNull(sampler, "sampler");
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(monitoring, "monitoring");
        TopologyRules.check(tasks, features, model, weighting, sampler, dataset, synthetic, monitoring);
    }

    /** A topology with the default monitoring ({@link MonitoringSpec#defaults()}). */
    public TopologySpec(String name, long seed, List<TaskSpec> tasks, List<FeatureSpec> features, ModelSpec model,
                        OptimizerSpec optimizer, WeightingSpec weighting, SamplerSpec sampler, BatchSpec batch,
                        DatasetSpec dataset, SyntheticSpec synthetic) {
        this(name, seed, tasks, features, model, optimizer, weighting, sampler, batch, dataset, synthetic,
                MonitoringSpec.defaults());
    }

    /** The same topology with other monitoring settings (same fingerprint). */
    public TopologySpec withMonitoring(MonitoringSpec other) {
        return new TopologySpec(name, seed, tasks, features, model, optimizer, weighting, sampler, batch, dataset,
                synthetic, other);
    }

    /** The same topology reading from {@code prefix + topic}: fresh input topics on a shared cluster. */
    public TopologySpec withTopicPrefix(String prefix) {
        List<TaskSpec> renamed = new ArrayList<>();
        for (TaskSpec t : tasks) {
            renamed.add(new TaskSpec(t.name(), t.kind(), t.classes(), prefix + t.topic(), t.auxiliary()));
        }
        return new TopologySpec(name, seed, renamed, features, model, optimizer, weighting, sampler, batch, dataset,
                synthetic, monitoring);
    }

    /** The index of the named task, or empty. */
    public Optional<Integer> taskIndex(String taskName) {
        for (int i = 0; i < tasks.size(); i++) {
            if (tasks.get(i).name().equals(taskName)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /**
     * A hash of everything that fixes the layout of the learner's state, from {@link #layout()}: a
     * snapshot is only restored into a learner whose spec has the same fingerprint. Hyper-parameters
     * (learning rates, dropout, temperatures, batch size, seed, the sampler's type and weights), topic
     * names and the monitoring settings may change between runs.
     */
    public String fingerprint() {
        return sha256Prefix(layout());
    }

    /**
     * The canonical text of the layout fields, one per line, in a fixed order: each task's name, kind
     * and classes; each feature's name, type, buckets and embedding width (and its vocabulary's
     * candidate capacity, when it has one); the model's family and
     * sizes; the optimizer and loss weighting types (their state differs) and the DWA window; the
     * sampler's buffer, reservoir and loss-window sizes. Written by hand, not by {@code toString()}, so
     * that a new hyper-parameter in a record does not change it.
     */
    public String layout() {
        StringBuilder b = new StringBuilder("tributary-layout 1\n");
        for (TaskSpec t : tasks) {
            b.append("task ").append(t.name()).append(' ').append(t.kind()).append(' ')
                    .append(String.join(",", t.classes())).append('\n');
        }
        for (FeatureSpec f : features) {
            b.append("feature ").append(f.name()).append(' ').append(f.type()).append(' ').append(f.buckets())
                    .append(' ').append(f.embedding());
            if (f.hasVocabulary()) {
                b.append(" vocabulary candidates ").append(f.vocabulary().candidates());
            }
            b.append('\n');
        }
        b.append("model ").append(model.family()).append(" encoder ").append(model.encoder())
                .append(" experts ").append(model.experts().count()).append(' ').append(model.experts().hidden())
                .append(" task-experts ").append(model.taskExperts().count()).append(' ')
                .append(model.taskExperts().hidden()).append(" levels ").append(model.levels())
                .append(" tower ").append(model.tower()).append('\n');
        b.append("optimizer ").append(optimizer.type()).append('\n');
        b.append("weighting ").append(weighting.type()).append(" window ").append(weighting.window()).append('\n');
        b.append("sampler buffer ").append(sampler.bufferCapacity()).append(" reservoir ")
                .append(sampler.reservoirCapacity()).append(" window ").append(sampler.window()).append('\n');
        return b.toString();
    }

    /**
     * The fingerprint of snapshot formats 1 to 4: a hash of the tasks', features' and model's
     * {@code toString()} (so topic names and model hyper-parameters counted too). Kept so that old
     * snapshots still load.
     */
    public String legacyFingerprint() {
        return sha256Prefix(tasks + "|" + features + "|" + model);
    }

    private static String sha256Prefix(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}

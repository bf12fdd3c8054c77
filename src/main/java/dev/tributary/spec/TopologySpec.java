package dev.tributary.spec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
     * A hash of everything that fixes the layout of the learner's state (tasks, features, model):
     * a snapshot is only restored into a learner whose spec has the same fingerprint. Hyper-parameters
     * such as the learning rate, and the monitoring settings, may change between runs.
     */
    public String fingerprint() {
        String canonical = tasks + "|" + features + "|" + model;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}

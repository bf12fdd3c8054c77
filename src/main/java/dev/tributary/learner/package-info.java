/**
 * The Kafka-free learner: {@link dev.tributary.learner.Learner} with {@code check}, {@code process}
 * (predict, then learn), {@code predict}, {@code snapshot} and {@code restore}, the versioned
 * snapshot codec, and incremental checkpoints ({@code checkpoint} into a
 * {@link dev.tributary.util.PartSink}: named parts and the embedding rows that changed). Monitoring
 * lives here too: the per-task drift detectors and their alerts
 * ({@code DriftMonitor}, {@link dev.tributary.learner.DriftAlert}), the drift reactions
 * ({@code Reactions}), and the task-affinity lookahead ({@code AffinityProbe},
 * {@link dev.tributary.learner.Affinity}); see {@code docs/monitoring.md}. And replicas: several
 * learners kept one model by periodic model averaging ({@link dev.tributary.learner.Replica},
 * {@link dev.tributary.learner.DeltaMerger}, {@link dev.tributary.learner.ReplicaSimulation}; see
 * {@code docs/replicas.md}). Everything here can be embedded without Kafka.
 *
 * <p>The supported API, kept compatible across versions: {@link dev.tributary.learner.Learner},
 * {@link dev.tributary.learner.Prediction}, {@link dev.tributary.learner.LearnerStats},
 * {@link dev.tributary.learner.DriftAlert}, {@link dev.tributary.learner.Affinity},
 * {@link dev.tributary.learner.HoldOut}, {@link dev.tributary.learner.InvalidEventException} and
 * {@link dev.tributary.learner.SnapshotException}, with the spec records of {@code dev.tributary.spec}
 * and the {@code Event} of {@code dev.tributary.event}. {@link dev.tributary.learner.StepBenchmark}
 * (for {@code tributary bench model}) is tooling for the rest of Tributary and may change, and so
 * may the replica classes until the streaming application runs replicas.
 */
package dev.tributary.learner;

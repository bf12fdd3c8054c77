/**
 * The Kafka-free learner: {@link dev.tributary.learner.Learner} with {@code check}, {@code process}
 * (predict, then learn), {@code predict}, {@code snapshot} and {@code restore}, and the versioned
 * snapshot codec. Monitoring lives here too: the per-task drift detectors and their alerts
 * ({@code DriftMonitor}, {@link dev.tributary.learner.DriftAlert}), the drift reactions
 * ({@code Reactions}), and the task-affinity lookahead ({@code AffinityProbe},
 * {@link dev.tributary.learner.Affinity}); see {@code docs/monitoring.md}. Everything here can be
 * embedded without Kafka.
 */
package dev.tributary.learner;

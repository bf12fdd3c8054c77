package dev.tributary.learner;

import dev.tributary.spec.TaskKind;

import java.util.List;
import java.util.Map;

/**
 * A point-in-time view of a learner for monitoring: per-task counts, sampler share, loss weight,
 * prequential metrics and gate health.
 *
 * @param steps            training steps taken
 * @param skippedNonFinite steps skipped because a loss or gradient was not finite
 * @param tasks            per-task statistics, in task order
 * @param gateCollapsed    some task's gate put more than 95% of its weight on one expert
 * @param gatesAlike       all tasks' gates have become the same distribution
 */
public record LearnerStats(long steps, long skippedNonFinite, List<TaskStats> tasks, boolean gateCollapsed,
                           boolean gatesAlike) {

    /**
     * @param consumed    events scored and learned from (labelled or not)
     * @param labelled    labelled events among them
     * @param trained     fresh examples used in training batches
     * @param replayed    replayed examples used in training batches
     * @param subsampled  examples dropped from a full buffer
     * @param buffered    examples waiting
     * @param samplerShare the sampler's current probability for the task
     * @param lossWeight  the current loss weight
     * @param lastLoss    the task's mean loss in the last batch it was in (NaN if none)
     * @param metrics     prequential metrics (see {@link dev.tributary.eval.TaskMetrics#snapshot()})
     * @param gateShares  mean gate weight per expert (null without gates)
     * @param gateEntropy mean gate entropy (NaN without gates)
     * @param lrMultiplier the learning-rate multiplier of the task's own parameters (1 unless a drift
     *                     reaction boosted it)
     */
    public record TaskStats(String task, TaskKind kind, long consumed, long labelled, long trained, long replayed,
                            long subsampled, int buffered, double samplerShare, double lossWeight, double lastLoss,
                            Map<String, Double> metrics, double[] gateShares, double gateEntropy,
                            double lrMultiplier) {
    }
}

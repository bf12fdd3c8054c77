package dev.tributary.learner;

import dev.tributary.spec.TaskKind;

import java.util.LinkedHashMap;
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
 * @param vocabularies     per feature with a vocabulary, its counts (empty without such features)
 */
public record LearnerStats(long steps, long skippedNonFinite, List<TaskStats> tasks, boolean gateCollapsed,
                           boolean gatesAlike, List<VocabularyStats> vocabularies) {

    public LearnerStats(long steps, long skippedNonFinite, List<TaskStats> tasks, boolean gateCollapsed,
                        boolean gatesAlike) {
        this(steps, skippedNonFinite, tasks, gateCollapsed, gatesAlike, List.of());
    }

    /**
     * One feature's vocabulary ({@link dev.tributary.features.Vocabulary}).
     *
     * @param feature   the feature's name
     * @param rows      rows of its table, the unknown row included
     * @param live      values that own a row now
     * @param counting  values being counted towards admission
     * @param admitted  values given a row so far
     * @param evicted   rows taken from their value because the table was full
     * @param expired   rows freed because their value had not arrived for {@code expireAfter}
     * @param lookups   arrivals of present values
     * @param unknown   arrivals that fell back to the shared unknown row (the value had no row yet)
     */
    public record VocabularyStats(String feature, int rows, int live, int counting, long admitted, long evicted,
                                  long expired, long lookups, long unknown) {
        /** The counts by their wire names ({@code docs/wire-formats.md}), in order. */
        public Map<String, Long> counts() {
            Map<String, Long> m = new LinkedHashMap<>();
            m.put("rows", (long) rows);
            m.put("live", (long) live);
            m.put("counting", (long) counting);
            m.put("admitted", admitted);
            m.put("evicted", evicted);
            m.put("expired", expired);
            m.put("lookups", lookups);
            m.put("unknown", unknown);
            return m;
        }
    }

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

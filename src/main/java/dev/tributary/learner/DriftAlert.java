package dev.tributary.learner;

/**
 * A detected change in one task's stream, for the drift topic.
 *
 * @param task        the task
 * @param signal      what changed: {@code error} (0/1 prequential error, or absolute error in
 *                    standard deviations for regression), {@code loss} (prequential log-loss or
 *                    squared error), {@code label} (the label's mean) or {@code gate} (the share of
 *                    an expert in the task's gate)
 * @param detector    which detector fired ({@code adwin}, {@code page-hinkley}, {@code kswin}, or
 *                    {@code share-shift} for the gate)
 * @param position    the task's labelled events seen when it fired; for {@code gate}, the task's
 *                    events (labelled or not) seen by the gate detector
 * @param timestamp   the event time of the event that triggered it
 * @param statistic   the detector's test statistic at detection (for {@code gate}: the total-variation
 *                    distance between the recent and the long-run mean gate)
 * @param meanBefore  the signal's mean before the change (for {@code gate}: the long-run mean share of
 *                    the expert whose share moved most)
 * @param meanAfter   the signal's mean after the change (for {@code gate}: that expert's recent share)
 * @param modelVersion training steps when it fired
 * @param reaction    what the learner did: {@code none}, {@code cooldown} (a reaction is configured but
 *                    one ran for this task less than {@code cooldownBatches} ago), or the reactions run,
 *                    joined by {@code +} ({@code reset-tower}, {@code boost-lr}, {@code reanchor-gradnorm})
 */
public record DriftAlert(String task, String signal, String detector, long position, long timestamp,
                         double statistic, double meanBefore, double meanAfter, long modelVersion, String reaction) {
}

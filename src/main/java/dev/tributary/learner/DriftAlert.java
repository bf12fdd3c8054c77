package dev.tributary.learner;

/**
 * A detected change in one task's stream, for the drift topic.
 *
 * @param task        the task
 * @param signal      what changed: {@code error} (0/1 prequential error, or absolute error in
 *                    standard deviations for regression), {@code loss} (prequential log-loss or
 *                    squared error) or {@code label} (the label's mean)
 * @param detector    which detector fired ({@code adwin}, {@code page-hinkley})
 * @param position    the task's labelled events seen when it fired
 * @param timestamp   the event time of the event that triggered it
 * @param statistic   the detector's test statistic at detection
 * @param meanBefore  the signal's mean before the change
 * @param meanAfter   the signal's mean after the change
 * @param modelVersion training steps when it fired
 */
public record DriftAlert(String task, String signal, String detector, long position, long timestamp,
                         double statistic, double meanBefore, double meanAfter, long modelVersion) {
}

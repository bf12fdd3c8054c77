package dev.tributary.monitor;

import dev.tributary.records.MonitorRecord;
import dev.tributary.eval.TaskMetrics;

import java.util.Map;

/**
 * The one number a person watches per task: windowed prequential AUC for a binary task, accuracy for
 * a multiclass one, RMSE for regression; each with a second number beside it (log-loss, or MAE). The
 * windowed value is used when the record has it, the cumulative one otherwise.
 */
public enum MainMetric {
    /** Binary: area under the ROC curve (higher is better), with log-loss. */
    AUC(TaskMetrics.AUC, "AUC", TaskMetrics.LOGLOSS, true),
    /** Multiclass: accuracy (higher is better), with log-loss. */
    ACCURACY(TaskMetrics.ACCURACY, "accuracy", TaskMetrics.LOGLOSS, true),
    /** Regression: root mean squared error (lower is better), with mean absolute error. */
    RMSE(TaskMetrics.RMSE, "RMSE", TaskMetrics.MAE, false);

    private final String key;
    private final String label;
    private final String secondKey;
    private final boolean higherIsBetter;

    MainMetric(String key, String label, String secondKey, boolean higherIsBetter) {
        this.key = key;
        this.label = label;
        this.secondKey = secondKey;
        this.higherIsBetter = higherIsBetter;
    }

    /**
     * The main metric of a task of {@code kind} ({@code binary}, {@code multiclass},
     * {@code regression}); for another kind, guessed from the metrics present.
     */
    public static MainMetric of(String kind, Map<String, Double> metrics) {
        return switch (kind) {
            case "binary" -> AUC;
            case "multiclass" -> ACCURACY;
            case "regression" -> RMSE;
            default -> has(metrics, TaskMetrics.AUC) ? AUC : has(metrics, TaskMetrics.RMSE) ? RMSE : ACCURACY;
        };
    }

    /** The metric's base name ({@code auc}, {@code accuracy}, {@code rmse}). */
    public String key() {
        return key;
    }

    /** The metric's name for people ({@code AUC}, {@code accuracy}, {@code RMSE}). */
    public String label() {
        return label;
    }

    /** The companion metric's base name ({@code logloss} or {@code mae}). */
    public String secondKey() {
        return secondKey;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** The main metric's value in {@code r}: windowed if present, else cumulative, else NaN. */
    public double value(MonitorRecord.Metrics r) {
        return pick(r, key);
    }

    /** The cumulative (since the start) value of the main metric, NaN when absent. */
    public double cumulative(MonitorRecord.Metrics r) {
        return r.metric(key);
    }

    /** The companion metric's value in {@code r}: windowed if present, else cumulative, else NaN. */
    public double second(MonitorRecord.Metrics r) {
        return pick(r, secondKey);
    }

    private static boolean has(Map<String, Double> metrics, String base) {
        return metrics.containsKey(base) || metrics.containsKey(TaskMetrics.windowed(base));
    }

    private static double pick(MonitorRecord.Metrics r, String base) {
        String windowed = TaskMetrics.windowed(base);
        return r.metrics().containsKey(windowed) ? r.metric(windowed) : r.metric(base);
    }
}

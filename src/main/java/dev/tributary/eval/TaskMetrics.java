package dev.tributary.eval;

import dev.tributary.spec.TaskKind;
import dev.tributary.util.Stateful;
import java.util.Map;
import java.util.Objects;

/**
 * Prequential metrics of one task: the learner scores each labelled event with the current model,
 * hands the score and the label to {@link #add}, and only then learns from the event. Each metric is
 * reported over a sliding window of the last {@link #window()} events (key suffix {@code _window})
 * and cumulatively since the start (no suffix).
 *
 * <p>Lifecycle: build with {@link #forKind} (or a kind's constructor), {@link #add} once per labelled
 * event, {@link #snapshot} whenever metrics are published; {@link #writeState}/{@link #readState}
 * carry the state across a learner snapshot, after which the instance continues exactly as the writer
 * would have; an instance whose {@code readState} failed must be discarded. {@link #copy()} gives the same configuration with fresh state. Not thread-safe.
 *
 * <p>Evaluation protocol: Gama, Sebastião &amp; Rodrigues, "On evaluating stream learning
 * algorithms", Machine Learning 90 (2013).
 */
public interface TaskMetrics extends Stateful {
    /** Events since the start. */
    String COUNT = "count";
    /** Area under the ROC curve (binary). */
    String AUC = "auc";
    /** Upper bound on the error of the cumulative {@link #AUC}, which is histogram-based (binary). */
    String AUC_ERROR_BOUND = "auc_error_bound";
    /** Mean negative log-likelihood of the label, probabilities clipped to [1e-7, 1 − 1e-7]. */
    String LOGLOSS = "logloss";
    /** Fraction of events whose most probable class is the label (binary: probability ≥ 0.5 means 1). */
    String ACCURACY = "accuracy";
    /** Mean squared distance between the predicted distribution and the one-hot label. */
    String BRIER = "brier";
    /** Fraction of events labelled 1 (binary). */
    String POSITIVE_RATE = "positive_rate";
    /** Root mean squared error (regression). */
    String RMSE = "rmse";
    /** Mean absolute error (regression). */
    String MAE = "mae";
    /** Mean of the labels (regression). */
    String MEAN_LABEL = "mean_label";
    /** Suffix of a metric's sliding-window variant, e.g. {@code auc_window}. */
    String WINDOW_SUFFIX = "_window";

    /** The sliding-window variant of a metric name: {@code windowed("auc")} is {@code "auc_window"}. */
    static String windowed(String metric) {
        return metric + WINDOW_SUFFIX;
    }

    /**
     * Metrics for a task of {@code kind}.
     *
     * @param classes number of classes; used by {@link TaskKind#MULTICLASS} only (at least 2)
     * @param window  events in the sliding window (positive)
     */
    static TaskMetrics forKind(TaskKind kind, int classes, int window) {
        Objects.requireNonNull(kind, "kind");
        return switch (kind) {
            case BINARY -> new BinaryMetrics(window);
            case MULTICLASS -> new MulticlassMetrics(classes, window);
            case REGRESSION -> new RegressionMetrics(window);
        };
    }

    TaskKind kind();

    /** Events in the sliding window when it is full. */
    int window();

    /** Labelled events added since the start. */
    long count();

    /**
     * Adds one scored, labelled event. The model's outputs for the event are
     * {@code scores[offset .. offset + kind().outputs(classes))}: the probability of class 1 (binary),
     * the class distribution (multiclass) or the predicted value (regression). The label is 0 or 1, a
     * class index, or a value. Bad input is refused with an exception naming it, and leaves the metrics
     * unchanged.
     */
    void add(float[] scores, int offset, double label);

    /**
     * The current metrics by name (see the constants here), in a stable order, for publishing; a
     * metric that is undefined (no events yet, AUC with one class in view) is NaN.
     */
    Map<String, Double> snapshot();

    /** Same configuration, fresh state. */
    TaskMetrics copy();
}

package dev.tributary.learner;

/**
 * The model's prediction for one event, made before the model learned from it (DESIGN.md §2).
 *
 * @param task         the event's task
 * @param id           the event's id, may be null
 * @param timestamp    the event's time
 * @param score        binary: P(label = 1); regression: the predicted value; multiclass: the
 *                     probability of the predicted class
 * @param distribution multiclass: the class distribution in class order; null otherwise
 * @param predicted    multiclass: the predicted class name; null otherwise
 * @param label        the event's label as given, or null for a score-only event
 * @param modelVersion training steps the model had taken when it scored the event
 */
public record Prediction(String task, String id, long timestamp, double score, double[] distribution,
                         String predicted, Object label, long modelVersion) {
}

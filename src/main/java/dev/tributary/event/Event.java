package dev.tributary.event;

import java.util.Map;
import java.util.Objects;

/**
 * One decoded input event of one task (DESIGN.md §2): its features and, when it is labelled, its
 * label.
 *
 * <p>Feature values are {@link Double} (numeric), {@link String} (categorical) or {@code null}
 * (missing). A label is {@code null} for a score-only event; otherwise a {@link Double} for binary
 * (0 or 1) and regression tasks, and an {@link Integer} class index or a {@link String} class name
 * for multiclass tasks. Whether values fit the task is checked by the learner, which knows the spec.
 *
 * @param task      the task this event belongs to (from its topic)
 * @param id        optional id echoed in the prediction, may be {@code null}
 * @param timestamp event time in epoch milliseconds
 * @param features  feature name to value; never {@code null}
 * @param label     the label, or {@code null} when the event is to be scored only
 */
public record Event(String task, String id, long timestamp, Map<String, Object> features, Object label) {
    public Event {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(features, "features");
    }

    public boolean labelled() {
        return label != null;
    }
}

package dev.tributary.spec;

import java.util.List;
import java.util.Objects;

/**
 * One prediction task.
 *
 * @param name      unique task name, {@code [A-Za-z0-9_-]+}
 * @param kind      binary, multiclass or regression
 * @param classes   the class names of a multiclass task (at least two), empty otherwise
 * @param topic     the Kafka topic of its events (default {@code <name>.events})
 * @param auxiliary an auxiliary task helps the others train; it is still scored and measured
 */
public record TaskSpec(String name, TaskKind kind, List<String> classes, String topic, boolean auxiliary) {
    public TaskSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        classes = List.copyOf(classes);
        Objects.requireNonNull(topic, "topic");
    }

    /** The number of model outputs of this task. */
    public int outputs() {
        return kind.outputs(classes.size());
    }

    /** The topic its predictions are published to. */
    public String predictionTopic() {
        return name + ".predictions";
    }
}

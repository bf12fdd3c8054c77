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
    /** Names the parameter blocks every task shares (CGC/PLE experts and gates); no task may take it. */
    public static final String RESERVED_NAME = "shared";

    public TaskSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        classes = List.copyOf(classes);
        Objects.requireNonNull(topic, "topic");
        if (!Names.TASK.matcher(name).matches()) {
            throw new InvalidFieldException("name", "must match [A-Za-z0-9_-]+", "'" + name + "'");
        }
        if (name.equals(RESERVED_NAME)) {
            throw new InvalidFieldException("name", "must not be '" + RESERVED_NAME + "', which names the experts and"
                    + " gates that all tasks share", "'" + name + "'");
        }
        if (kind == TaskKind.MULTICLASS) {
            if (classes.size() < 2) {
                throw new InvalidFieldException("classes", "must list at least two class names for kind multiclass",
                        classes);
            }
            if (new java.util.HashSet<>(classes).size() != classes.size()) {
                throw new InvalidFieldException("classes", "must not repeat a class", classes);
            }
        } else if (!classes.isEmpty()) {
            throw new InvalidFieldException("classes", "must be empty for kind " + Names.yamlName(kind)
                    + " (only multiclass tasks have classes)", classes);
        }
        if (!Names.TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
            throw new InvalidFieldException("topic", "must be a legal Kafka topic name ([A-Za-z0-9._-], at most 249"
                    + " characters)", "'" + topic + "'");
        }
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

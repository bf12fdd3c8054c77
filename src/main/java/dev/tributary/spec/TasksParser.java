package dev.tributary.spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the {@code tasks} list. */
final class TasksParser {
    /** Names the parameter blocks every task shares (CGC/PLE experts and gates); no task may take it. */
    static final String RESERVED_NAME = "shared";

    private TasksParser() {
    }

    static List<TaskSpec> parse(YamlNode node) {
        List<YamlNode> items = node.list();
        if (items.isEmpty()) {
            throw node.invalid("must list at least one task");
        }
        List<TaskSpec> tasks = new ArrayList<>();
        Map<String, String> topicOwners = new HashMap<>();
        for (YamlNode item : items) {
            TaskSpec task = task(item);
            for (TaskSpec earlier : tasks) {
                if (earlier.name().equals(task.name())) {
                    throw item.get("name").fail(item.path() + ".name '" + task.name()
                            + "' is already used by an earlier task; task names must be unique");
                }
            }
            String owner = topicOwners.putIfAbsent(task.topic(), task.name());
            if (owner != null) {
                throw item.get("topic").fail(item.path() + ".topic '" + task.topic()
                        + "' is already the topic of task '" + owner + "'; every task needs its own topic");
            }
            tasks.add(task);
        }
        if (tasks.stream().allMatch(TaskSpec::auxiliary)) {
            throw node.error("are all auxiliary; at least one task must have auxiliary: false");
        }
        return tasks;
    }

    private static TaskSpec task(YamlNode item) {
        item.mapping("name", "kind", "classes", "topic", "auxiliary");
        if (!item.isMapping()) {
            throw item.invalid("must be a mapping with at least name and kind");
        }
        YamlNode nameNode = item.require("name");
        String name = nameNode.string();
        nameNode.check(Names.TASK.matcher(name).matches(), "must match [A-Za-z0-9_-]+");
        nameNode.check(!name.equals(RESERVED_NAME), "must not be '" + RESERVED_NAME + "', which names the experts and"
                + " gates that all tasks share");
        TaskKind kind = item.require("kind").choice(TaskKind.class);
        List<String> classes = classes(item.get("classes"), kind);
        YamlNode topicNode = item.get("topic");
        String topic = topicNode.string(name + ".events");
        topicNode.check(Names.TOPIC.matcher(topic).matches() && !topic.equals(".") && !topic.equals(".."),
                "must be a legal Kafka topic name ([A-Za-z0-9._-], at most 249 characters)");
        boolean auxiliary = item.get("auxiliary").bool(false);
        return new TaskSpec(name, kind, classes, topic, auxiliary);
    }

    private static List<String> classes(YamlNode node, TaskKind kind) {
        if (kind != TaskKind.MULTICLASS) {
            if (node.isPresent()) {
                throw node.error("must be absent for kind " + Names.yamlName(kind)
                        + " (only multiclass tasks have classes)");
            }
            return List.of();
        }
        if (!node.isPresent()) {
            throw node.error("is required for kind multiclass: list at least two class names");
        }
        List<String> classes = node.distinctStrings(true);
        node.check(classes.size() >= 2, "must list at least two class names for kind multiclass");
        return classes;
    }
}

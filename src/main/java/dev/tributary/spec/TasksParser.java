package dev.tributary.spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the {@code tasks} list. */
final class TasksParser {

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
        String name = item.require("name").string();
        TaskKind kind = item.require("kind").choice(TaskKind.class);
        List<String> classes = classes(item.get("classes"), kind);
        String topic = item.get("topic").string(name + ".events");
        boolean auxiliary = item.get("auxiliary").bool(false);
        return SectionBuild.build(item, () -> new TaskSpec(name, kind, classes, topic, auxiliary));
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
        return node.distinctStrings(true);
    }
}

package dev.tributary.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the learner does when a drift alert fires for a task.
 *
 * @param signals         the signals whose alerts trigger a reaction (alerts on other signals are only
 *                        published)
 * @param cooldownBatches after a reaction, further alerts of the same task trigger nothing for this
 *                        many training batches (one drift usually raises several alerts), &ge; 0
 * @param defaults        the reactions of tasks not listed in {@code tasks}; empty = none
 * @param tasks           task name to its reactions (empty list = none)
 */
public record ReactionsSpec(List<DriftSignal> signals, int cooldownBatches, List<ReactionSpec> defaults,
                            Map<String, List<ReactionSpec>> tasks) {
    /** The default cooldown. */
    public static final int DEFAULT_COOLDOWN_BATCHES = 100;

    public ReactionsSpec {
        signals = List.copyOf(signals);
        Require.atLeast("cooldownBatches", cooldownBatches, 0, "must be at least 0");
        defaults = List.copyOf(defaults);
        Map<String, List<ReactionSpec>> copy = new LinkedHashMap<>();
        Objects.requireNonNull(tasks, "tasks").forEach((k, v) -> copy.put(k, List.copyOf(v)));
        tasks = java.util.Collections.unmodifiableMap(copy);
    }

    /** No reactions: alerts are only published. */
    public static ReactionsSpec none() {
        return new ReactionsSpec(List.of(DriftSignal.ERROR), DEFAULT_COOLDOWN_BATCHES, List.of(), Map.of());
    }

    /** The reactions of the named task (its own, else the defaults); empty = none. */
    public List<ReactionSpec> forTask(String task) {
        return tasks.getOrDefault(task, defaults);
    }

    /** Whether any task has a reaction other than none. */
    public boolean any() {
        return !defaults.isEmpty() || tasks.values().stream().anyMatch(l -> !l.isEmpty());
    }
}

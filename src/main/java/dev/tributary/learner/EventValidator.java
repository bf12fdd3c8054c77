package dev.tributary.learner;

import dev.tributary.event.Event;
import dev.tributary.spec.TaskSpec;
import dev.tributary.spec.TopologySpec;

import java.util.List;
import java.util.Map;

/**
 * Checks an event against the spec before it touches any state: known task, feature values of the
 * declared type and finite, a label that fits the task's kind. Returns a reason naming the problem.
 */
final class EventValidator {
    private final TopologySpec spec;
    private final Map<String, Boolean> numeric = new java.util.HashMap<>();
    private final List<TaskRules> rules;

    EventValidator(TopologySpec spec) {
        this.spec = spec;
        this.rules = spec.tasks().stream().map(TaskRules::of).toList();
        spec.features().forEach(f -> numeric.put(f.name(), f.type() == dev.tributary.spec.FeatureType.NUMERIC));
    }

    /**
     * Null when the event is acceptable, else why it is not.
     *
     * @param featuresChecked the decoder already put the features in the spec's slots with the
     *                        declared types ({@link dev.tributary.features.FeatureEncoder#slotted}), so
     *                        only the task and the label are left to check
     */
    String check(Event e, boolean featuresChecked) {
        var index = spec.taskIndex(e.task());
        if (index.isEmpty()) {
            return "unknown task '" + e.task() + "'; the topology has " + spec.tasks().stream().map(TaskSpec::name).toList();
        }
        String why = featuresChecked ? null : checkFeatures(e);
        if (why != null) {
            return why;
        }
        return e.label() == null ? null : rules.get(index.get()).checkLabel(e.label());
    }

    private String checkFeatures(Event e) {
        for (Map.Entry<String, Object> f : e.features().entrySet()) {
            Boolean isNumeric = numeric.get(f.getKey());
            Object v = f.getValue();
            if (isNumeric == null || v == null) {
                continue;
            }
            if (isNumeric) {
                if (!(v instanceof Number n)) {
                    return "feature '" + f.getKey() + "' must be a number, found " + TaskRules.describe(v);
                }
                if (!Double.isFinite(n.doubleValue())) {
                    return "feature '" + f.getKey() + "' must be finite, found " + n;
                }
            } else if (v instanceof Number n) {
                if (!Double.isFinite(n.doubleValue())) {
                    return "feature '" + f.getKey() + "' must be finite, found " + n;
                }
            } else if (!(v instanceof String)) {
                return "feature '" + f.getKey() + "' must be a string or number, found " + TaskRules.describe(v);
            }
        }
        return null;
    }
}

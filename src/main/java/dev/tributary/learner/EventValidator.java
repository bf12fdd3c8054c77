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

    EventValidator(TopologySpec spec) {
        this.spec = spec;
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
        return e.label() == null ? null : checkLabel(spec.tasks().get(index.get()), e.label());
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
                    return "feature '" + f.getKey() + "' must be a number, found " + describe(v);
                }
                if (!Double.isFinite(n.doubleValue())) {
                    return "feature '" + f.getKey() + "' must be finite, found " + n;
                }
            } else if (v instanceof Number n) {
                if (!Double.isFinite(n.doubleValue())) {
                    return "feature '" + f.getKey() + "' must be finite, found " + n;
                }
            } else if (!(v instanceof String)) {
                return "feature '" + f.getKey() + "' must be a string or number, found " + describe(v);
            }
        }
        return null;
    }

    private static String checkLabel(TaskSpec task, Object label) {
        switch (task.kind()) {
            case BINARY -> {
                if (label instanceof Boolean) {
                    return null;
                }
                if (!(label instanceof Number n) || (n.doubleValue() != 0 && n.doubleValue() != 1)) {
                    return where(task) + " must be 0 or 1, found " + describe(label);
                }
                return null;
            }
            case REGRESSION -> {
                if (!(label instanceof Number n)) {
                    return where(task) + " must be a number, found " + describe(label);
                }
                return Double.isFinite(n.doubleValue()) ? null : where(task) + " must be finite, found " + n;
            }
            default -> {
                return classIndex(task, label) >= 0 ? null
                        : where(task) + " must be a class index 0.." + (task.classes().size() - 1) + " or one of "
                        + task.classes() + ", found " + describe(label);
            }
        }
    }

    /** "label of binary task 'x'": built only for a refusal (this check runs for every event). */
    private static String where(TaskSpec task) {
        return "label of " + task.kind().name().toLowerCase() + " task '" + task.name() + "'";
    }

    /** A multiclass label's class index, or -1 when it names no class. */
    static int classIndex(TaskSpec task, Object label) {
        List<String> classes = task.classes();
        if (label instanceof String s) {
            return classes.indexOf(s);
        }
        if (label instanceof Number n) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && d >= 0 && d < classes.size()) {
                return (int) d;
            }
        }
        return -1;
    }

    /** The numeric target of a validated binary or regression label. */
    static double numericLabel(Object label) {
        return label instanceof Boolean b ? (b ? 1.0 : 0.0) : ((Number) label).doubleValue();
    }

    private static String describe(Object v) {
        if (v instanceof String s) {
            return "string '" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "'";
        }
        return v.getClass().getSimpleName().toLowerCase() + " " + v;
    }
}

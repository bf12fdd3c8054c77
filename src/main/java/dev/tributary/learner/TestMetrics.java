package dev.tributary.learner;

import dev.tributary.eval.TaskMetrics;
import dev.tributary.spec.TaskSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Metrics of a frozen model over a whole test set of one task (exact: the window spans the set). */
final class TestMetrics {
    private final TaskSpec task;
    private final List<double[]> scores = new ArrayList<>();
    private final List<Object> labels = new ArrayList<>();

    TestMetrics(TaskSpec task) {
        this.task = task;
    }

    /** Adds one held-out prediction (of a labelled event). */
    void add(Prediction p) {
        scores.add(p.distribution() != null ? p.distribution() : new double[] {p.score()});
        labels.add(p.label());
    }

    /** Whether no held-out prediction was added. */
    boolean isEmpty() {
        return scores.isEmpty();
    }

    /** The metrics by name ({@code auc}, {@code logloss}, {@code accuracy}, {@code rmse}, ...) and {@code count}. */
    Map<String, Double> compute() {
        int n = Math.max(1, scores.size());
        TaskMetrics m = TaskMetrics.forKind(task.kind(), task.classes().size(), n);
        TaskRules rules = TaskRules.of(task);
        for (int i = 0; i < scores.size(); i++) {
            rules.addTest(m, scores.get(i), labels.get(i));
        }
        // Over the whole set the window metrics are exact; report them under the plain names.
        Map<String, Double> all = m.snapshot();
        Map<String, Double> out = new LinkedHashMap<>();
        for (String key : new String[] {"auc", "logloss", "accuracy", "brier", "rmse", "mae"}) {
            Double v = all.get(TaskMetrics.windowed(key));
            if (v != null) {
                out.put(key, v);
            }
        }
        out.put("count", (double) scores.size());
        return out;
    }
}

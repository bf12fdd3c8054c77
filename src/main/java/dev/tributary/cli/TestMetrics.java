package dev.tributary.cli;

import dev.tributary.eval.BinaryMetrics;
import dev.tributary.eval.MulticlassMetrics;
import dev.tributary.eval.RegressionMetrics;
import dev.tributary.eval.TaskMetrics;
import dev.tributary.spec.TaskSpec;

import java.util.Map;

/** Metrics of a frozen model over a whole test set (exact: the window spans the set). */
final class TestMetrics {
    private TestMetrics() {
    }

    static Map<String, Double> compute(TaskSpec task, EvaluateCommand.TestScores s) {
        int n = Math.max(1, s.scores.size());
        TaskMetrics m = TaskMetrics.forKind(task.kind(), task.classes().size(), n);
        for (int i = 0; i < s.scores.size(); i++) {
            Object label = s.labels.get(i);
            double[] score = s.scores.get(i);
            switch (task.kind()) {
                case BINARY -> ((BinaryMetrics) m).add(score[0], (int) numeric(label));
                case REGRESSION -> ((RegressionMetrics) m).add(score[0], numeric(label));
                case MULTICLASS -> {
                    float[] dist = new float[score.length];
                    for (int c = 0; c < dist.length; c++) {
                        dist[c] = (float) score[c];
                    }
                    int y = label instanceof String str ? task.classes().indexOf(str) : (int) numeric(label);
                    ((MulticlassMetrics) m).add(dist, 0, y);
                }
            }
        }
        // Over the whole set the window metrics are exact; report them under the plain names.
        Map<String, Double> all = m.snapshot();
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        for (String key : new String[]{"auc", "logloss", "accuracy", "brier", "rmse", "mae"}) {
            Double v = all.get(TaskMetrics.windowed(key));
            if (v != null) {
                out.put(key, v);
            }
        }
        out.put("count", (double) s.scores.size());
        return out;
    }

    private static double numeric(Object label) {
        return label instanceof Boolean b ? (b ? 1 : 0) : ((Number) label).doubleValue();
    }

    /** A short one-line summary: AUC and log-loss, accuracy, or RMSE. */
    static String summary(Map<String, Double> m) {
        if (m.isEmpty()) {
            return "-";
        }
        if (m.containsKey("auc")) {
            return String.format("auc %.4f  logloss %.4f", m.get("auc"), m.get("logloss"));
        }
        if (m.containsKey("rmse")) {
            return String.format("rmse %.4f  mae %.4f", m.get("rmse"), m.get("mae"));
        }
        return String.format("accuracy %.4f  logloss %.4f", m.get("accuracy"), m.get("logloss"));
    }
}

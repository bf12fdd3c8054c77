package dev.tributary.monitor;

import dev.tributary.records.MonitorRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Crafted monitoring records for the tests. */
final class Records {
    private Records() {
    }

    /** A binary task's metrics record with the given windowed AUC. */
    static MonitorRecord.Metrics binary(String task, long ts, long version, long consumed, double aucWindow) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("auc", 0.8);
        m.put("auc_window", aucWindow);
        m.put("logloss", 0.5);
        m.put("logloss_window", 0.4);
        return new MonitorRecord.Metrics(task, "binary", ts, version, consumed, consumed, consumed, 0, 0.5, 1.0, 0.4,
                m, new MonitorRecord.Gate(new double[]{0.7, 0.2, 0.1, 0.0}, 0.8, false, false));
    }

    /** A regression task's metrics record with the given windowed RMSE, without gates. */
    static MonitorRecord.Metrics regression(String task, long ts, long version, long consumed, double rmseWindow) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("rmse", 1.5);
        m.put("rmse_window", rmseWindow);
        m.put("mae", 1.1);
        m.put("mae_window", 0.9);
        return new MonitorRecord.Metrics(task, "regression", ts, version, consumed, consumed, consumed, 0, 0.5, 2.0,
                0.7, m, null);
    }

    /** A multiclass task's metrics record with only cumulative metrics. */
    static MonitorRecord.Metrics multiclass(String task, long ts, long version, long consumed, double accuracy) {
        return new MonitorRecord.Metrics(task, "multiclass", ts, version, consumed, consumed, consumed, 0, 0.25, 1.0,
                1.2, Map.of("accuracy", accuracy, "logloss", 1.3), null);
    }

    static MonitorRecord.Drift drift(String task, String signal, long version) {
        return new MonitorRecord.Drift(task, signal, "adwin", 1834, 0, 0.3, 0.18, 0.47, version, "boost-lr");
    }

    static MonitorRecord.Affinity affinity(long version) {
        return new MonitorRecord.Affinity(0, version, List.of("t1", "t2"),
                new double[][]{{0.0012, -0.0004}, {0.0031, 0.0}}, 40);
    }
}

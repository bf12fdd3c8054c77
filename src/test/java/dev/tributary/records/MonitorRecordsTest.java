package dev.tributary.records;

import dev.tributary.learner.DriftAlert;
import dev.tributary.learner.LearnerStats;
import dev.tributary.spec.TaskKind;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parsing the application's own encodings (MetricsCodec, DriftCodec) and the task-affinity format. */
class MonitorRecordsTest {

    static LearnerStats.TaskStats taskStats(String task, TaskKind kind, double[] shares) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("auc", 0.81);
        m.put("auc_window", 0.87);
        m.put("logloss_window", Double.NaN);
        return new LearnerStats.TaskStats(task, kind, 1200, 1100, 1000, 40, 3, 17, 0.25, 1.5, 0.42, m, shares,
                shares == null ? Double.NaN : 1.1, 1.0);
    }

    @Test
    void shouldReadEveryFieldOfAMetricsRecordAsTheApplicationEncodesIt() {
        LearnerStats.TaskStats t = taskStats("clicks", TaskKind.BINARY, new double[]{0.5, 0.3, 0.2});
        LearnerStats stats = new LearnerStats(812, 0, List.of(t), true, false);
        MonitorRecord.Metrics r = assertInstanceOf(MonitorRecord.Metrics.class,
                MonitorRecords.parse(MetricsCodec.encode(stats, t, 1_763_884_800_123L, 0)));
        assertEquals("clicks", r.task());
        assertEquals("binary", r.kind());
        assertEquals(1_763_884_800_123L, r.ts());
        assertEquals(812, r.modelVersion());
        assertEquals(1200, r.consumed());
        assertEquals(1100, r.labelled());
        assertEquals(1000, r.trained());
        assertEquals(40, r.replayed());
        assertEquals(0.25, r.samplerShare());
        assertEquals(1.5, r.lossWeight());
        assertEquals(0.42, r.lastLoss());
        assertEquals(0.87, r.metric("auc_window"));
        assertTrue(Double.isNaN(r.metric("logloss_window")), "JSON null is NaN");
        assertTrue(Double.isNaN(r.metric("rmse")), "an absent metric is NaN");
        assertArrayEquals(new double[]{0.5, 0.3, 0.2}, r.gate().shares());
        assertEquals(1.1, r.gate().entropy());
        assertTrue(r.gate().collapsed());
        assertFalse(r.gate().alike());
    }

    @Test
    void shouldLeaveTheGateNullForAModelWithoutGates() {
        LearnerStats.TaskStats t = taskStats("price", TaskKind.REGRESSION, null);
        LearnerStats stats = new LearnerStats(5, 0, List.of(t), false, false);
        MonitorRecord.Metrics r = (MonitorRecord.Metrics) MonitorRecords.parse(MetricsCodec.encode(stats, t, 7, 0));
        assertNull(r.gate());
        assertEquals("regression", r.kind());
    }

    @Test
    void shouldReadADriftAlertAsTheApplicationEncodesIt() {
        DriftAlert a = new DriftAlert("t1", "error", "adwin", 1834, 99, 0.31, 0.18, 0.47, 640, "none");
        MonitorRecord.Drift d = assertInstanceOf(MonitorRecord.Drift.class, MonitorRecords.parse(DriftCodec.encode(a)));
        assertEquals(new MonitorRecord.Drift("t1", "error", "adwin", 1834, 99, 0.31, 0.18, 0.47, 640, "none"), d);
        DriftAlert boosted = new DriftAlert("t1", "error", "adwin", 1834, 99, 0.31, 0.18, 0.47, 640, "boost-lr");
        assertEquals("boost-lr", ((MonitorRecord.Drift) MonitorRecords.parse(DriftCodec.encode(boosted))).reaction());
    }

    @Test
    void shouldReadATaskAffinityMatrixRowByRow() {
        MonitorRecord.Affinity a = assertInstanceOf(MonitorRecord.Affinity.class, MonitorRecords.parse(
                "{\"type\":\"task_affinity\",\"ts\":5,\"model_version\":300,\"tasks\":[\"a\",\"b\"],"
                        + "\"matrix\":[[0.0,0.02],[-0.01,null]],\"samples\":12}"));
        assertEquals(List.of("a", "b"), a.tasks());
        assertEquals(0.02, a.value(0, 1), "row = source, column = target");
        assertEquals(-0.01, a.value(1, 0));
        assertTrue(Double.isNaN(a.value(1, 1)));
        assertEquals(300, a.modelVersion());
        assertEquals(12, a.samples());
    }

    @Test
    void shouldKeepAnUnknownTypeAsOtherRatherThanFail() {
        MonitorRecord r = MonitorRecords.parse("{\"type\":\"buffer_depths\",\"t1\":3}");
        assertEquals(new MonitorRecord.Other("buffer_depths"), r);
    }

    @Test
    void shouldRefuseMalformedRecordsNamingTheProblem() {
        assertMessage("not JSON", "{\"type\":\"drift\",");
        assertMessage("not a JSON object: array", "[1,2]");
        assertMessage("no 'type' field", "{\"task\":\"t1\"}");
        assertMessage("task_metrics record has no 'task'", "{\"type\":\"task_metrics\",\"ts\":1,\"model_version\":1}");
        assertMessage("task_metrics record has no numeric 'model_version'",
                "{\"type\":\"task_metrics\",\"task\":\"t1\",\"ts\":1}");
        assertMessage("drift record has no 'task'", "{\"type\":\"drift\",\"model_version\":1}");
        assertMessage("'matrix' must have one row per task (2), found 1",
                "{\"type\":\"task_affinity\",\"tasks\":[\"a\",\"b\"],\"matrix\":[[1,2]]}");
        assertMessage("matrix row 1 must have 2 numbers, found 3",
                "{\"type\":\"task_affinity\",\"tasks\":[\"a\",\"b\"],\"matrix\":[[1,2],[1,2,3]]}");
        assertMessage("empty record", "");
    }

    private static void assertMessage(String expected, String json) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MonitorRecords.parse(json));
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }
}

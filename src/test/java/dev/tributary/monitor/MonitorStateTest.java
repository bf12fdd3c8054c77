package dev.tributary.monitor;

import dev.tributary.records.MonitorRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.tributary.monitor.Records.binary;
import static dev.tributary.monitor.Records.drift;
import static dev.tributary.monitor.Records.multiclass;
import static dev.tributary.monitor.Records.regression;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Folding crafted records into the live monitoring state. */
class MonitorStateTest {

    @Test
    void shouldMeasureTheEventRateOverTheLastFiveSecondsOfRecords() {
        MonitorState s = new MonitorState(60);
        long[] consumed = {0, 100, 300, 600, 1000, 1500, 2100, 2800};
        for (int i = 0; i < consumed.length; i++) {
            s.accept(binary("t1", 1000L * i, i, consumed[i], 0.7));
        }
        // newest at 7 s; the oldest record within 5 s is the one at 2 s (300 events): 2500 events in 5 s.
        assertEquals(500.0, s.task("t1").eventsPerSecond(), 1e-12);
        assertEquals(500.0, s.eventsPerSecond(), 1e-12);
        assertEquals(2800, s.consumed());
        assertEquals(7, s.modelVersion());
    }

    @Test
    void shouldUseThePreviousRecordWhenRecordsAreFurtherApartThanTheSpan() {
        MonitorState s = new MonitorState(60);
        s.accept(binary("t1", 0, 1, 0, 0.7));
        s.accept(binary("t1", 20_000, 2, 1000, 0.7));
        s.accept(binary("t1", 40_000, 3, 3000, 0.7));
        assertEquals(100.0, s.task("t1").eventsPerSecond(), 1e-12);
    }

    @Test
    void shouldNotGuessARateFromOneRecordOrAfterARestartFromScratch() {
        MonitorState s = new MonitorState(60);
        s.accept(binary("t1", 0, 10, 5000, 0.7));
        assertTrue(Double.isNaN(s.task("t1").eventsPerSecond()));
        assertTrue(Double.isNaN(s.eventsPerSecond()));
        s.accept(binary("t1", 1000, 1, 40, 0.7));
        assertTrue(Double.isNaN(s.task("t1").eventsPerSecond()), "consumed went down");
    }

    @Test
    void shouldSumTheRatesOfTasksWhoseRateIsKnown() {
        MonitorState s = new MonitorState(60);
        s.accept(binary("t1", 0, 1, 0, 0.7));
        s.accept(binary("t1", 1000, 2, 300, 0.7));
        s.accept(regression("t3", 0, 2, 50, 1.0));
        assertEquals(300.0, s.eventsPerSecond(), 1e-12);
        assertEquals(350, s.consumed());
    }

    @Test
    void shouldIgnoreAMetricsRecordOlderThanItsTasksLatest() {
        MonitorState s = new MonitorState(60);
        s.accept(binary("t1", 1000, 1, 100, 0.6));
        s.accept(binary("t1", 3000, 3, 300, 0.8));
        s.accept(binary("t1", 2000, 2, 200, 0.7));
        assertEquals(3, s.task("t1").latest().modelVersion());
        assertArrayEquals(new double[]{0.6, 0.8}, s.task("t1").trend());
        assertEquals(1, s.outOfOrder());
        assertEquals(3, s.metricsRecords(), "counted as received");
        assertTrue(Dashboard.render(s, "").contains("metrics records older than their task's latest, not used: 1"));
    }

    @Test
    void shouldKeepTheLastRecordsOfTheMainMetricOldestFirst() {
        MonitorState s = new MonitorState(3);
        for (int i = 1; i <= 5; i++) {
            s.accept(binary("t1", 1000L * i, i, 100L * i, 0.5 + i / 100.0));
        }
        assertArrayEquals(new double[]{0.53, 0.54, 0.55}, s.task("t1").trend(), 1e-12);
        assertEquals(5, s.task("t1").metricsRecords());
        assertEquals(5, s.task("t1").latest().modelVersion());
    }

    @Test
    void shouldPickTheMainMetricByTaskKind() {
        MonitorState s = new MonitorState(60);
        s.accept(binary("b", 0, 1, 10, 0.91));
        s.accept(multiclass("m", 0, 1, 10, 0.62));
        s.accept(regression("r", 0, 1, 10, 0.33));
        assertEquals(MainMetric.AUC, s.task("b").mainMetric());
        assertEquals(MainMetric.ACCURACY, s.task("m").mainMetric());
        assertEquals(MainMetric.RMSE, s.task("r").mainMetric());
        assertArrayEquals(new double[]{0.91}, s.task("b").trend(), "the windowed AUC, not the cumulative 0.8");
        assertArrayEquals(new double[]{0.62}, s.task("m").trend(), "no windowed accuracy: the cumulative one");
        assertArrayEquals(new double[]{0.33}, s.task("r").trend());
    }

    @Test
    void shouldGuessTheMainMetricOfAnUnknownKindFromItsMetrics() {
        assertEquals(MainMetric.AUC, MainMetric.of("", Map.of("auc_window", 0.5)));
        assertEquals(MainMetric.RMSE, MainMetric.of("ordinal", Map.of("rmse", 0.5)));
        assertEquals(MainMetric.ACCURACY, MainMetric.of("", Map.of()));
    }

    @Test
    void shouldFlagADriftAsFreshWhileItIsWithinTheTasksLastTenRecords() {
        MonitorState s = new MonitorState(60);
        for (int v = 0; v <= 5; v++) {
            s.accept(binary("t1", 1000L * v, v, 10L * v, 0.7));
        }
        s.accept(drift("t1", "error", 5));
        TaskView t = s.task("t1");
        assertEquals(1, t.drifts());
        assertTrue(t.driftIsFresh());
        for (int v = 6; v <= 14; v++) {
            s.accept(binary("t1", 1000L * v, v, 10L * v, 0.7));
            s.accept(binary("t2", 1000L * v, v, 10L * v, 0.7));
        }
        assertTrue(t.driftIsFresh(), "the last ten records span versions 5..14");
        s.accept(binary("t1", 15_000, 15, 150, 0.7));
        assertFalse(t.driftIsFresh(), "the last ten records span versions 6..15");
        assertFalse(s.task("t2").driftIsFresh());
        assertNull(s.task("t2").lastDrift());
    }

    @Test
    void shouldJudgeFreshnessByModelVersionNotByArrivalOrder() {
        MonitorState s = new MonitorState(60);
        s.accept(drift("t1", "error", 3));   // read first while catching up, though it is old
        assertTrue(s.task("t1").driftIsFresh(), "no metrics yet to compare with");
        s.accept(drift("t1", "label", 30));
        s.accept(drift("t1", "loss", 12));   // an older alert arriving late does not replace the newest
        for (int v = 0; v <= 40; v++) {
            s.accept(binary("t1", 1000L * v, v, 10L * v, 0.7));
        }
        assertEquals("label", s.task("t1").lastDrift().signal());
        assertFalse(s.task("t1").driftIsFresh(), "version 30 is before the last ten records (31..40)");
        assertEquals(3, s.task("t1").drifts());
    }

    @Test
    void shouldKeepTheFiveMostRecentDriftAlertsOldestFirst() {
        MonitorState s = new MonitorState(60);
        for (int v = 1; v <= 7; v++) {
            s.accept(drift(v % 2 == 0 ? "t2" : "t1", "loss", v));
        }
        List<Long> versions = s.recentDrifts().stream().map(MonitorRecord.Drift::modelVersion).toList();
        assertEquals(List.of(3L, 4L, 5L, 6L, 7L), versions);
        assertEquals(7, s.driftRecords());
        assertEquals(4, s.task("t1").drifts());
        assertEquals(3, s.task("t2").drifts());
        assertNull(s.task("t1").latest(), "a task known only from drift alerts has no metrics yet");
    }

    @Test
    void shouldCountUnknownTypesAndMalformedRecordsWithoutFailing() {
        MonitorState s = new MonitorState(60);
        s.accept(new MonitorRecord.Other("buffer_depths"));
        s.accept(new MonitorRecord.Other("buffer_depths"));
        s.accept(new MonitorRecord.Other("alerts"));
        s.malformed("tributary.metrics-0 offset 7: not JSON");
        s.malformed("tributary.metrics-0 offset 9: no 'type' field");
        assertEquals(3, s.otherRecords());
        assertEquals(Map.of("alerts", 1L, "buffer_depths", 2L), s.otherTypes());
        assertEquals(List.of("alerts", "buffer_depths"), List.copyOf(s.otherTypes().keySet()), "sorted");
        assertEquals(2, s.malformed());
        assertEquals("tributary.metrics-0 offset 9: no 'type' field", s.lastError());
        assertEquals(5, s.records());
        assertTrue(s.tasks().isEmpty());
    }

    @Test
    void shouldKeepTheLatestAffinityMatrix() {
        MonitorState s = new MonitorState(60);
        MonitorRecord.Affinity second = Records.affinity(200);
        s.accept(Records.affinity(100));
        s.accept(second);
        assertSame(second, s.affinity());
        assertEquals(2, s.affinityRecords());
    }

    @Test
    void shouldListExpectedTasksFirstInTheirOrderThenNewOnesAsTheyAppear() {
        MonitorState s = new MonitorState(60);
        s.expect(List.of("b", "a"));
        s.accept(regression("c", 0, 1, 1, 1.0));
        s.accept(binary("a", 0, 1, 1, 0.7));
        assertEquals(List.of("b", "a", "c"), s.tasks().stream().map(TaskView::name).toList());
        assertNull(s.task("b").latest());
        assertEquals(-1, new MonitorState(2).modelVersion(), "no records yet");
    }

    @Test
    void shouldRefuseAHistoryTooShortForARate() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MonitorState(1));
        assertEquals("history must be at least 2 records, found 1", e.getMessage());
    }
}

package dev.tributary.monitor;

import dev.tributary.records.MonitorRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.tributary.monitor.Records.binary;
import static dev.tributary.monitor.Records.drift;
import static dev.tributary.monitor.Records.regression;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Folding a whole monitoring stream into per-task series for the report. */
class TimelineTest {

    @Test
    void shouldKeepEveryDistinctRecordPerTaskAndSkipIdleRepeats() {
        Timeline t = new Timeline();
        t.accept(binary("t1", 1000, 1, 100, 0.6));
        t.accept(regression("t3", 1000, 1, 100, 2.0));
        t.accept(binary("t1", 2000, 1, 100, 0.6));  // idle: same version and count, one second later
        t.accept(binary("t1", 3000, 2, 200, 0.7));
        assertEquals(List.of("t1", "t3"), t.tasks().stream().map(TaskSeries::name).toList());
        TaskSeries t1 = t.tasks().get(0);
        assertArrayEquals(new double[]{1, 2}, t1.modelVersions());
        assertArrayEquals(new double[]{0.6, 0.7}, t1.mainValues(), "the windowed AUC");
        assertArrayEquals(new double[]{0.8, 0.8}, t1.cumulativeValues(), "the cumulative AUC");
        assertEquals(4, t.metricsRecords());
        assertEquals(1, t.repeats());
        assertEquals(MainMetric.RMSE, t.tasks().get(1).mainMetric());
    }

    @Test
    void shouldPutRecordsThatArrivedOutOfOrderBackInTimeOrder() {
        Timeline t = new Timeline();
        t.accept(binary("t1", 1000, 1, 100, 0.6));
        t.accept(binary("t1", 3000, 3, 300, 0.8));
        t.accept(binary("t1", 2000, 2, 200, 0.7));
        assertArrayEquals(new double[]{1, 2, 3}, t.tasks().get(0).modelVersions());
        assertArrayEquals(new double[]{0.6, 0.7, 0.8}, t.tasks().get(0).mainValues());
    }

    @Test
    void shouldFileDriftAlertsUnderTheirTaskAndKeepAffinitiesAndUnknownTypes() {
        Timeline t = new Timeline();
        assertTrue(t.isEmpty());
        t.accept(new MonitorRecord.Other("buffer_depths"));
        assertTrue(t.isEmpty(), "unknown types alone are nothing to chart");
        t.accept(drift("t2", "label", 40));
        assertFalse(t.isEmpty());
        t.accept(binary("t1", 1000, 1, 100, 0.6));
        t.accept(drift("t1", "error", 50));
        t.accept(Records.affinity(60));
        assertEquals(List.of("t2", "t1"), t.tasks().stream().map(TaskSeries::name).toList());
        assertEquals(1, t.tasks().get(0).drifts().size());
        assertNull(t.tasks().get(0).mainMetric(), "t2 has drift alerts but no metrics");
        assertEquals(50, t.tasks().get(1).drifts().get(0).modelVersion());
        assertEquals(2, t.driftRecords());
        assertEquals(1, t.affinities().size());
        assertEquals(Map.of("buffer_depths", 1L), t.otherTypes());
    }

    @Test
    void shouldTakeTheWindowFromTheLargestWindowCountAndKeepOnlyRecordsWithGates() {
        Timeline t = new Timeline();
        t.accept(regression("r", 1000, 1, 100, 1.0));
        assertEquals(0, t.tasks().get(0).window(), "no count_window metric");
        assertTrue(t.tasks().get(0).gatePoints().isEmpty());
        t.accept(binary("b", 1000, 1, 100, 0.6));
        assertEquals(1, t.tasks().get(1).gatePoints().size());
    }
}

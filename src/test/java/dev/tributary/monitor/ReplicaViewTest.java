package dev.tributary.monitor;

import dev.tributary.records.MonitorRecord;
import dev.tributary.records.MonitorRecords;
import dev.tributary.records.RoundsCodec;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code watch} and the demo with partitioned learners: task rows over the replicas, one line per replica. */
class ReplicaViewTest {
    static MonitorRecord.Metrics replica(int index, long ts, long consumed, double aucWindow, long global) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("auc", aucWindow);
        m.put("auc_window", aucWindow);
        m.put("logloss", 0.5);
        m.put("logloss_window", 0.4);
        return new MonitorRecord.Metrics("t1", "binary", ts, 100 + index, consumed, consumed, consumed, 0, 0.5, 1.0,
                0.4, m, null, new MonitorRecord.Sync(index, global, 3, 40, index == 1, 7, 120, 300, 2, 0));
    }

    @Test
    void shouldSumCountsOverReplicasAndWeightTheirMetricsByEvents() {
        MonitorState s = new MonitorState(10);
        s.accept(replica(0, 1000, 300, 0.9, 5));
        s.accept(replica(1, 1000, 100, 0.7, 5));
        s.accept(replica(0, 2000, 600, 0.9, 6));  // replaces replica 0's first record
        MonitorRecord.Metrics row = s.task("t1").latest();
        assertEquals(700, row.consumed());
        assertEquals(0.9 * 600 / 700 + 0.7 * 100 / 700, row.metric("auc_window"), 1e-12);
        assertEquals(101, row.modelVersion(), "the highest replica version");
        assertEquals(700, s.consumed());
        assertEquals(Map.of(0, 600L, 1, 100L), s.replicaEvents());
        assertEquals(6, s.replicas().get(0).globalVersion());
        assertEquals(2, s.replicas().size());
    }

    @Test
    void shouldShowEachReplicaAndTheAggregatorsRounds() {
        MonitorState s = new MonitorState(10);
        s.accept(replica(0, 1000, 300, 0.9, 5));
        s.accept(replica(1, 1000, 100, 0.7, 5));
        byte[] rounds = RoundsCodec.encode(new RoundsCodec.Rounds(5, 2, 5, 9, 1, 0, 3, 1, 1, 2, 4000, 4000, 40,
                1000, 0, 0, 0), 1000);
        s.accept(MonitorRecords.parse(rounds));
        String text = Dashboard.replicas(s);
        assertTrue(text.contains("replicas: 2, global version 5; rounds closed by all 3, wait 1, timeout 1; last round"
                + " 2 deltas, 4,000 bytes, 40 ms (longest 1,000 ms)"), text);
        String zero = "  0             300         5       3        40 ms     120 ms         7  2 (0)";
        String one = "  1             100         5      3*        40 ms     120 ms         7  2 (0)";
        assertTrue(text.contains(zero) && text.contains(one), text);
        assertEquals(0, s.otherRecords(), "model_rounds is a known type");
        assertEquals("", Dashboard.replicas(new MonitorState(10)), "no section for the single learner");
    }
}

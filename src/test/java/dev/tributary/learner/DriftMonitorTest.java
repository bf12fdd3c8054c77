package dev.tributary.learner;

import dev.tributary.data.SyntheticStream;
import dev.tributary.event.Event;
import dev.tributary.spec.ModelFamily;
import dev.tributary.spec.TopologySpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class DriftMonitorTest {

    @Test
    void shouldAlertOnTheTaskWhoseLabelRelationshipFlipsAndNotOnTheOthers() {
        TopologySpec spec = TestSpecs.synthetic(ModelFamily.MMOE);
        int flipRow = 3000;
        SyntheticStream stream = new SyntheticStream(spec).withFlip(0, flipRow);
        Learner learner = new Learner(spec);
        List<DriftAlert> alerts = new ArrayList<>();
        List<Event> chunk = new ArrayList<>();
        for (int i = 0; i < 4500 * 3; i++) {
            chunk.add(stream.next());
            if (chunk.size() == 300) {
                learner.process(chunk);
                alerts.addAll(learner.drainDriftAlerts());
                chunk.clear();
            }
        }
        List<DriftAlert> t1After = alerts.stream().filter(a -> a.task().equals("t1") && a.timestamp() >= flipRow).toList();
        assertFalse(t1After.isEmpty(), "the flipped task raised an alert: " + alerts);
        DriftAlert first = t1After.get(0);
        assertTrue(first.timestamp() < flipRow + 500, "detected within 500 rows: " + first);
        assertTrue(first.meanAfter() > first.meanBefore(), first.toString());
        List<DriftAlert> othersAfter = alerts.stream()
                .filter(a -> !a.task().equals("t1") && a.timestamp() >= flipRow && !a.signal().equals("label")).toList();
        assertEquals(List.of(), othersAfter, "no error or loss alert on the tasks that did not change");
    }

    @Test
    void shouldKeepDetectorStateInTheSnapshot() {
        TopologySpec spec = TestSpecs.synthetic(ModelFamily.MMOE);
        SyntheticStream stream = new SyntheticStream(spec).withFlip(0, 2000);
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 9000; i++) {
            events.add(stream.next());
        }
        Learner a = new Learner(spec);
        a.process(events.subList(0, 5000));
        a.drainDriftAlerts();
        Learner b = Learner.restore(spec, a.snapshot());
        a.process(events.subList(5000, 9000));
        b.process(events.subList(5000, 9000));
        List<DriftAlert> alertsA = a.drainDriftAlerts();
        assertFalse(alertsA.isEmpty(), "the flip after the snapshot raises alerts");
        assertEquals(alertsA, b.drainDriftAlerts());
        assertArrayEquals(a.snapshot(), b.snapshot());
    }
}

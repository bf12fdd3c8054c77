package dev.tributary.learner;

import dev.tributary.data.SyntheticStream;
import dev.tributary.event.Event;
import dev.tributary.spec.ModelFamily;
import dev.tributary.spec.OptimizerSpec;
import dev.tributary.spec.OptimizerType;
import dev.tributary.spec.SyntheticSpec;
import dev.tributary.spec.TopologySpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
                .filter(a -> !a.task().equals("t1") && a.timestamp() >= flipRow)
                .filter(a -> a.signal().equals("error") || a.signal().equals("loss")).toList();
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

    /** An MMoE with a calm learning rate, over {@code rows} synthetic rows (three events each). */
    static TopologySpec calmMmoe(int rows) {
        TopologySpec s = TestSpecs.synthetic(ModelFamily.MMOE);
        return new TopologySpec(s.name(), s.seed(), s.tasks(), s.features(), s.model(),
                new OptimizerSpec(OptimizerType.ADAM, 0.001, 0.9, 0.999, 1e-8, 5.0, 0.0), s.weighting(), s.sampler(),
                s.batch(), null, new SyntheticSpec(8, 0.8, 1.0, 10, 0.1, rows));
    }

    @Test
    void shouldAlertOnTheGateOfTheTaskWhoseInputsShift() {
        TopologySpec spec = calmMmoe(20000);
        int shiftRow = 15000;
        List<Event> events = new ArrayList<>();
        for (Event e : (Iterable<Event>) () -> new SyntheticStream(spec)) {
            if (e.task().equals("t2") && e.timestamp() >= shiftRow) {
                Map<String, Object> f = new HashMap<>(e.features());
                f.replaceAll((k, v) -> v instanceof Number n ? n.doubleValue() + 1.5 : v);
                e = new Event(e.task(), e.id(), e.timestamp(), f, e.label());
            }
            events.add(e);
        }
        Learner learner = new Learner(spec);
        learner.process(events);

        List<DriftAlert> gate = learner.drainDriftAlerts().stream().filter(a -> a.signal().equals("gate")).toList();
        List<DriftAlert> after = gate.stream().filter(a -> a.timestamp() >= shiftRow).toList();
        assertEquals(1, after.size(), "one gate alert after the shift: " + gate);
        DriftAlert a = after.get(0);
        assertEquals("t2", a.task());
        assertEquals("share-shift", a.detector());
        assertTrue(a.timestamp() < shiftRow + 300, "within 300 rows (about 100 of t2's events): " + a);
        assertTrue(a.statistic() > 0.1, a.toString());
        assertTrue(gate.stream().allMatch(x -> x.timestamp() < 5000 || x.timestamp() >= shiftRow),
                "before the shift, gate alerts only while the gates first take shape: " + gate);
    }

    @Test
    void shouldCarryTheDetectorsOfAVersion2Snapshot() throws Exception {
        byte[] v2;
        try (var in = getClass().getResourceAsStream("/dev/tributary/learner/mmoe-v2.snapshot")) {
            v2 = in.readAllBytes();
        }
        Learner restored = Learner.restore(FrozenSnapshotTest.spec(), v2);
        Learner fresh = new Learner(FrozenSnapshotTest.spec());

        assertTrue(restored.monitors.drift.position(0) > 500, "t1's detectors have seen its labelled events");
        assertEquals(restored.labelled[0], restored.monitors.drift.position(0));
        assertEquals(0, fresh.monitors.drift.position(0));
    }
}

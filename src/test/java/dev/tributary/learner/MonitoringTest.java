package dev.tributary.learner;

import dev.tributary.data.SyntheticStream;
import dev.tributary.event.Event;
import dev.tributary.spec.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Monitoring in the learner: no effect on learning without reactions, affinity, snapshots, on/off. */
class MonitoringTest {

    static MonitoringSpec monitoring(int affinityEvery, ReactionsSpec reactions) {
        return new MonitoringSpec(true, 1.0, 0, DriftSpec.defaults(), affinityEvery, reactions);
    }

    /** {@code rows} rows of the synthetic stream (three events each), task t1 flipped from {@code flipRow}. */
    static List<Event> flipped(TopologySpec spec, int rows, int flipRow) {
        TopologySpec longer = new TopologySpec(spec.name(), spec.seed(), spec.tasks(), spec.features(), spec.model(),
                spec.optimizer(), spec.weighting(), spec.sampler(), spec.batch(), null,
                new SyntheticSpec(8, 0.8, 1.0, 10, 0.1, rows));
        SyntheticStream stream = new SyntheticStream(longer).withFlip(0, flipRow);
        List<Event> out = new ArrayList<>();
        stream.forEachRemaining(out::add);
        return out;
    }

    @ParameterizedTest
    @EnumSource(value = ModelFamily.class, names = {"SHARED_BOTTOM", "MMOE", "PLE", "SINGLE_TASK"})
    void shouldLearnBitIdenticallyWithMonitoringOnOrOffWhenNothingReacts(ModelFamily family) {
        TopologySpec on = TestSpecs.synthetic(family).withMonitoring(monitoring(3, ReactionsSpec.none()));
        TopologySpec off = on.withMonitoring(on.monitoring().withEnabled(false));
        List<Event> events = flipped(on, 2000, 1000);
        Learner a = new Learner(on);
        Learner b = new Learner(off);

        List<Prediction> pa = a.process(events);
        List<Prediction> pb = b.process(events);

        assertEquals(pa, pb);
        assertArrayEquals(a.parameters(), b.parameters());
        assertFalse(a.drainDriftAlerts().isEmpty(), "the monitored learner saw the flip");
        assertEquals(List.of(), b.drainDriftAlerts());
        assertEquals(family.hasSharedLayers(), a.affinity().isPresent());
        assertTrue(b.affinity().isEmpty());
        assertNull(b.stats().tasks().get(0).gateShares());
        boolean gated = family == ModelFamily.MMOE || family == ModelFamily.PLE;
        double[] shares = a.stats().tasks().get(0).gateShares();
        assertEquals(gated, shares != null, "gate health for the expert families");
        if (gated) {
            assertEquals(1.0, java.util.Arrays.stream(shares).sum(), 1e-6, "mean gate shares sum to one");
        }
        if (family == ModelFamily.PLE) {
            assertFalse(a.stats().gatesAlike(), "PLE gates weigh different experts: the alike alarm is off");
        }
    }

    @Test
    void shouldMeasureAffinityEveryKBatchesAndFindTwinTasksMoreAffineThanAnUnrelatedOne() {
        // correlation 1: t1 and t2 share their weight vector, so their labels differ only by noise.
        TopologySpec base = TestSpecs.synthetic(ModelFamily.SHARED_BOTTOM)
                .withMonitoring(monitoring(4, ReactionsSpec.none()));
        TopologySpec spec = new TopologySpec(base.name(), base.seed(), base.tasks(), base.features(), base.model(),
                base.optimizer(), base.weighting(), base.sampler(), base.batch(), null,
                new SyntheticSpec(8, 1.0, 1.0, 10, 0.1, 5000), base.monitoring());
        Learner learner = new Learner(spec);
        learner.process(LearnerTest.events(spec, 6000));

        Affinity a = learner.affinity().orElseThrow();
        assertEquals(learner.steps() / 4, a.samples(), "one lookahead every 4 steps");
        assertEquals(List.of("t1", "t2", "t3"), a.tasks());
        double[][] z = a.matrix();
        for (int i = 0; i < 3; i++) {
            assertTrue(z[i][i] > 0, "Z[" + i + "][" + i + "] = " + z[i][i]);
        }
        // A row carries one task's label, so Z[i][i] is measured on the rows the step came from and
        // Z[i][j] on other rows: compare the off-diagonal cells with each other.
        String shown = java.util.Arrays.deepToString(z);
        assertTrue(z[0][1] > 0 && z[1][0] > 0, "the twins help each other: " + shown);
        assertTrue(z[0][1] > z[0][2] && z[1][0] > z[1][2], "more than they help the unrelated t3: " + shown);
    }

    @Test
    void shouldContinueBitIdenticallyAfterRestoreWithReactionsAndAffinityRunning() {
        ReactionsSpec reactions = new ReactionsSpec(List.of(DriftSignal.ERROR, DriftSignal.LOSS), 20, List.of(),
                Map.of("t1", List.of(new ReactionSpec(ReactionType.BOOST_LR, 4, 300)),
                        "t2", List.of(ReactionSpec.of(ReactionType.RESET_TOWER))));
        TopologySpec spec = TestSpecs.synthetic(ModelFamily.MMOE).withMonitoring(monitoring(5, reactions));
        List<Event> events = flipped(spec, 4000, 1500);
        Learner reference = new Learner(spec);
        List<DriftAlert> seen = new ArrayList<>();
        int cut = 0;
        for (int i = 0; i < events.size() && cut == 0; i += 50) {
            reference.process(events.subList(i, i + 50));
            seen.addAll(reference.drainDriftAlerts());
            if (seen.stream().anyMatch(x -> x.reaction().equals("boost-lr"))) {
                cut = i + 50;
            }
        }
        assertTrue(cut > 0, "t1's flip triggered its boost: " + seen);
        assertEquals(4.0, reference.stats().tasks().get(0).lrMultiplier(), "the boost runs at the snapshot");
        byte[] snap = reference.snapshot();
        Learner restored = Learner.restore(spec, snap);
        assertArrayEquals(snap, restored.snapshot());

        List<Prediction> expected = reference.process(events.subList(cut, events.size()));
        List<Prediction> actual = restored.process(events.subList(cut, events.size()));

        assertEquals(expected, actual);
        assertArrayEquals(reference.parameters(), restored.parameters());
        assertEquals(reference.drainDriftAlerts(), restored.drainDriftAlerts());
        assertArrayEquals(reference.affinity().orElseThrow().matrix(), restored.affinity().orElseThrow().matrix());
        assertArrayEquals(reference.snapshot(), restored.snapshot());
        assertEquals(1.0, restored.stats().tasks().get(0).lrMultiplier(), "the boost ended after 300 batches");
    }

    @Test
    void shouldRestoreTheModelWhenMonitoringIsSwitchedOffOrOnOrRearranged() {
        TopologySpec on = TestSpecs.synthetic(ModelFamily.MMOE);
        TopologySpec off = on.withMonitoring(on.monitoring().withEnabled(false));
        TopologySpec lossOnly = on.withMonitoring(new MonitoringSpec(true, 1, 0,
                DriftSpec.defaults().withSignals(List.of(DriftSignal.LOSS)), 0, ReactionsSpec.none()));
        List<Event> events = LearnerTest.events(on, 3000);
        Learner reference = new Learner(on);
        reference.process(events.subList(0, 1500));
        byte[] snapshot = reference.snapshot();
        reference.process(events.subList(1500, 3000));

        for (TopologySpec other : List.of(off, lossOnly)) {
            Learner moved = Learner.restore(other, snapshot);
            moved.process(events.subList(1500, 3000));
            assertArrayEquals(reference.parameters(), moved.parameters(), "the model continues as before");
            Learner back = Learner.restore(on, moved.snapshot());
            assertArrayEquals(moved.parameters(), back.parameters());
            assertEquals(moved.stats().tasks().get(0).metrics(), back.stats().tasks().get(0).metrics());
        }
        // Same arrangement: the monitors come back too.
        Learner same = Learner.restore(on, snapshot);
        same.process(events.subList(1500, 3000));
        assertArrayEquals(reference.snapshot(), same.snapshot());
    }

    @Test
    void shouldReactToAFlipOnlyForTheConfiguredTaskAndSayWhatItDid() {
        ReactionsSpec reactions = new ReactionsSpec(List.of(DriftSignal.ERROR), 1000, List.of(),
                Map.of("t1", List.of(ReactionSpec.of(ReactionType.RESET_TOWER))));
        TopologySpec spec = TestSpecs.synthetic(ModelFamily.MMOE).withMonitoring(monitoring(0, reactions));
        Learner learner = new Learner(spec);
        learner.process(flipped(spec, 4000, 2000));

        List<DriftAlert> alerts = learner.drainDriftAlerts();
        List<DriftAlert> reacted = alerts.stream().filter(a -> !a.reaction().equals("none")).toList();
        assertFalse(reacted.isEmpty(), alerts.toString());
        DriftAlert first = reacted.get(0);
        assertEquals("t1", first.task());
        assertEquals("error", first.signal());
        assertEquals("reset-tower", first.reaction());
        assertTrue(first.timestamp() >= 2000, first.toString());
        for (DriftAlert a : reacted) {
            assertEquals("t1", a.task(), a.toString());
            assertTrue(a.signal().equals("error"), "only error alerts trigger: " + a);
        }
        for (DriftAlert a : reacted.subList(1, reacted.size())) {
            assertTrue(a.modelVersion() - first.modelVersion() >= 1000 || a.reaction().equals("cooldown"), a.toString());
        }
    }
}

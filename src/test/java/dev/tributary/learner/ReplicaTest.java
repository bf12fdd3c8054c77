package dev.tributary.learner;

import dev.tributary.event.Event;
import dev.tributary.features.RunningStats;
import dev.tributary.spec.EmbeddingUpdate;
import dev.tributary.spec.ModelFamily;
import dev.tributary.spec.TopologySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Periodic model averaging: the merge against closed forms, a replica keeps the progress it made
 * after its delta, one replica is one learner, and after the last round every replica holds the same
 * model.
 */
class ReplicaTest {

    /** Dense parameters [shared, task 0's, task 1's]; one shared table and one of task 1, width 2. */
    static final ReplicaLayout TINY = new ReplicaLayout(2, new int[]{-1, 0, 1}, new int[]{-1, 1}, new int[]{2, 2},
            new int[]{0, 3});

    static ModelDelta delta(int replica, long[] examples, float[] dense, long[] keys, float[][] rows) {
        return new ModelDelta(replica, 0, 0, 1, examples, new ParamChange(dense, keys, rows), new RunningStats[0]);
    }

    @Test
    void shouldWeightSharedPartsByAllExamplesAndATasksPartsByItsExamples() {
        DeltaMerger m = new DeltaMerger(TINY, 2, 0, DeltaMerger.Merge.MEAN);
        long shared3 = ParamChange.key(0, 3);
        long shared5 = ParamChange.key(0, 5);
        long task1row = ParamChange.key(1, 2);
        m.add(delta(0, new long[]{3, 1}, new float[]{1f, 1f, 1f}, new long[]{shared3, shared5, task1row},
                new float[][]{{1f, 2f}, {4f, 4f}, {2f, 2f}}));
        m.add(delta(1, new long[]{1, 0}, new float[]{-1f, -1f, -1f}, new long[]{shared5},
                new float[][]{{-4f, 0f}}));
        GlobalUpdate u = m.closeRound();
        // shared: totals 4 and 1 → 0.8, 0.2; task 0: 3 and 1 → 0.75, 0.25; task 1: 1 and 0 → replica 0 only.
        assertArrayEquals(new float[]{0.8f - 0.2f, 0.75f - 0.25f, 1f}, u.change().dense(), 1e-6f);
        assertArrayEquals(new long[]{shared3, shared5, task1row}, u.change().rowKeys());
        assertArrayEquals(new float[]{1f, 2f}, u.change().valuesOf(shared3), 0f,
                "a row one replica changed moves as that replica moved it");
        assertArrayEquals(new float[]{0.8f * 4 - 0.2f * 4, 0.8f * 4}, u.change().valuesOf(shared5), 1e-6f);
        assertArrayEquals(new float[]{2f, 2f}, u.change().valuesOf(task1row), 0f);
        assertEquals(1, u.version());
        assertArrayEquals(new long[]{0, 0}, u.included());
        assertArrayEquals(new long[]{4, 1}, u.examples());
        assertNull(m.closeRound(), "an empty round makes no version");
    }

    @Test
    void shouldTakeThePlainMeanWhereNoReplicaHasExamples() {
        DeltaMerger m = new DeltaMerger(TINY, 3, 7, DeltaMerger.Merge.MEAN);
        m.add(delta(0, new long[]{0, 0}, new float[]{3f, 3f, 3f}, new long[0], new float[0][]));
        m.add(delta(2, new long[]{0, 0}, new float[]{1f, 1f, 1f}, new long[0], new float[0][]));
        assertTrue(!m.add(delta(2, new long[]{0, 0}, new float[]{9f, 9f, 9f}, new long[0], new float[0][])),
                "one delta per replica and round");
        GlobalUpdate u = m.closeRound();
        assertArrayEquals(new float[]{2f, 2f, 2f}, u.change().dense(), 0f);
        assertEquals(8, u.version());
        assertArrayEquals(new long[]{0, -1, 0}, u.included(), "replica 1 sent nothing: the round closed without it");
        assertEquals(2, u.deltas());
    }

    @Test
    void shouldAddTheDeltasUnderSum() {
        DeltaMerger m = new DeltaMerger(TINY, 2, 0, DeltaMerger.Merge.SUM);
        long row = ParamChange.key(0, 3);
        m.add(delta(0, new long[]{3, 1}, new float[]{1f, 2f, 3f}, new long[]{row}, new float[][]{{1f, 2f}}));
        m.add(delta(1, new long[]{0, 0}, new float[]{0.5f, 0.5f, 0.5f}, new long[]{row}, new float[][]{{1f, 1f}}));
        GlobalUpdate u = m.closeRound();
        assertArrayEquals(new float[]{1.5f, 2.5f, 3.5f}, u.change().dense(), 0f);
        assertArrayEquals(new float[]{2f, 3f}, u.change().valuesOf(row), 0f);
    }

    static TopologySpec spec(ModelFamily family) {
        return CheckpointTest.spec(family, EmbeddingUpdate.LAZY);
    }

    @Test
    void shouldLearnAsOneLearnerWithOneReplica() {
        TopologySpec spec = spec(ModelFamily.MMOE);
        List<Event> ev = LearnerTest.events(spec, 2000);
        Learner alone = new Learner(spec);
        alone.process(ev);
        ReplicaSimulation one = new ReplicaSimulation(spec, 1, 4, ReplicaSimulation.Split.KEY);
        one.process(ev);
        one.finish();
        assertTrue(one.rounds() > 10, one.rounds() + " rounds");
        float[] a = alone.parameters();
        float[] b = one.learner(0).parameters();
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        assertTrue(worst < 1e-5, "the same model up to float rounding of θ = g + (θ − g): " + worst);
        assertEquals(alone.steps(), one.steps());
    }

    @ParameterizedTest
    @EnumSource(value = ModelFamily.class, names = {"MMOE", "SINGLE_TASK", "PLE", "SHARED_BOTTOM"})
    void shouldLeaveEveryReplicaWithTheSameModelAfterTheLastRound(ModelFamily family) {
        TopologySpec spec = spec(family);
        List<Event> ev = LearnerTest.events(spec, 3000);
        ReplicaSimulation sim = new ReplicaSimulation(spec, 3, 8, ReplicaSimulation.Split.ROUND_ROBIN);
        sim.process(ev);
        float[] before0 = sim.learner(0).parameters();
        float[] before1 = sim.learner(1).parameters();
        assertTrue(!Arrays.equals(before0, before1), "replicas differ between rounds");
        sim.finish();
        assertArrayEquals(sim.learner(0).parameters(), sim.learner(1).parameters());
        assertArrayEquals(sim.learner(0).parameters(), sim.learner(2).parameters());
        assertTrue(sim.mergedDeltas() > sim.rounds(), "rounds merged several replicas' deltas");
        long consumed = 0;
        for (int i = 0; i < 3; i++) {
            consumed += sim.learner(i).consumed();
        }
        assertEquals(ev.size(), consumed, "every event went to exactly one replica");
    }

    @Test
    void shouldMergeLateUpdatesInOrderAndEndWithOneModel() {
        TopologySpec spec = spec(ModelFamily.MMOE);
        List<Event> ev = LearnerTest.events(spec, 3000);
        ReplicaSimulation prompt = new ReplicaSimulation(spec, 3, 4, ReplicaSimulation.Split.ROUND_ROBIN,
                DeltaMerger.Merge.SUM, 0);
        ReplicaSimulation late = new ReplicaSimulation(spec, 3, 4, ReplicaSimulation.Split.ROUND_ROBIN,
                DeltaMerger.Merge.SUM, 8);
        prompt.process(ev);
        late.process(ev);
        double lateSize = (double) late.mergedDeltas() / late.rounds();
        double promptSize = (double) prompt.mergedDeltas() / prompt.rounds();
        assertTrue(lateSize < promptSize, "replicas waiting for late updates close rounds of fewer deltas: "
                + lateSize + " against " + promptSize);
        late.finish();
        prompt.finish();
        assertArrayEquals(late.learner(0).parameters(), late.learner(1).parameters());
        assertArrayEquals(late.learner(0).parameters(), late.learner(2).parameters());
        assertTrue(!Arrays.equals(late.learner(0).parameters(), prompt.learner(0).parameters()),
                "the lag changes what the replicas learn");
    }

    @Test
    void shouldKeepTheProgressAReplicaMadeAfterItsDelta() {
        TopologySpec spec = spec(ModelFamily.SHARED_BOTTOM);
        List<Event> ev = LearnerTest.events(spec, 1200);
        Replica a = new Replica(new Learner(spec), 0);
        Replica b = new Replica(new Learner(spec), 1);
        DeltaMerger m = new DeltaMerger(a.layout(), 2, 0);
        a.learner().process(ev.subList(0, 400));
        b.learner().process(ev.subList(400, 800));
        m.add(a.delta());
        float[] sent = a.learner().parameters();
        a.learner().process(ev.subList(800, 1200)); // progress after the delta
        float[] progressed = a.learner().parameters();
        m.add(b.delta());
        GlobalUpdate u = m.closeRound();
        b.merge(u);
        a.merge(u);
        float[] global = b.learner().parameters(); // b made no progress since its delta: it holds the global model
        float[] now = a.learner().parameters();
        double worst = 0;
        int moved = 0;
        for (int i = 0; i < now.length; i++) {
            worst = Math.max(worst, Math.abs(now[i] - (global[i] + (progressed[i] - sent[i]))));
            moved += progressed[i] != sent[i] ? 1 : 0;
        }
        assertTrue(moved > 100, moved + " parameters moved after the delta");
        assertTrue(worst < 1e-6, "θ_a = global + progress since the delta: " + worst);
        assertThrows(IllegalArgumentException.class, () -> a.merge(u), "the same version twice");
        Replica c = new Replica(new Learner(spec), 2);
        c.delta();
        assertThrows(IllegalStateException.class, c::delta, "one delta waits at a time");
    }

    @Test
    void shouldContinueIdenticallyAfterACheckpointWithADeltaWaiting() {
        TopologySpec spec = spec(ModelFamily.MMOE);
        List<Event> ev = LearnerTest.events(spec, 3000);
        Replica a = new Replica(new Learner(spec), 0);
        Replica b = new Replica(new Learner(spec), 1);
        DeltaMerger m = new DeltaMerger(a.layout(), 2, 0);
        CheckpointTest.Store store = new CheckpointTest.Store();
        for (int i = 0; i < 1200; i += 300) {
            a.learner().process(ev.subList(i, i + 150));
            b.learner().process(ev.subList(i + 150, i + 300));
            m.add(a.delta());
            m.add(b.delta());
            GlobalUpdate u = m.closeRound();
            a.merge(u);
            b.merge(u);
            a.learner().checkpoint(store);
            a.checkpoint(store);
        }
        a.learner().process(ev.subList(1200, 1400));
        m.add(a.delta()); // waits for the round to close
        a.learner().process(ev.subList(1400, 1500)); // progress after the delta
        a.learner().checkpoint(store);
        a.checkpoint(store);

        Replica restored = Replica.restore(Learner.restore(spec, store), store);
        assertArrayEquals(a.learner().parameters(), restored.learner().parameters());
        assertTrue(restored.awaiting() && restored.mergedVersion() == a.mergedVersion());
        b.learner().process(ev.subList(1500, 1700));
        m.add(b.delta());
        GlobalUpdate u = m.closeRound();
        a.merge(u);
        restored.merge(u);
        assertArrayEquals(a.learner().parameters(), restored.learner().parameters(), "the same merge");
        a.learner().process(ev.subList(1700, 2000));
        restored.learner().process(ev.subList(1700, 2000));
        ModelDelta da = a.delta();
        ModelDelta dr = restored.delta();
        assertArrayEquals(da.change().dense(), dr.change().dense(), 0f);
        assertArrayEquals(da.change().rowKeys(), dr.change().rowKeys());
        assertArrayEquals(da.examples(), dr.examples());
        assertEquals(da.sequence(), dr.sequence());
        assertEquals(da.stats()[0].mean(), dr.stats()[0].mean(), 0);
        SnapshotException e = assertThrows(SnapshotException.class,
                () -> Replica.restore(new Learner(spec), new CheckpointTest.Store()));
        assertTrue(e.getMessage().contains("no part 'replica'"), e.getMessage());
    }

    @Test
    void shouldNameTheChoicesOfABadSplitOrMerge() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReplicaSimulation.Split.parse("hash"));
        assertEquals("split must be key or round-robin, found 'hash'", e.getMessage());
        assertEquals(ReplicaSimulation.Split.ROUND_ROBIN, ReplicaSimulation.Split.parse("round-robin"));
        e = assertThrows(IllegalArgumentException.class, () -> DeltaMerger.Merge.parse("avg"));
        assertEquals("merge must be sum or mean, found 'avg'", e.getMessage());
    }

    @Test
    void shouldRefuseAVocabularyFeature() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Replica(new Learner(
                VocabularyLearnerTest.spec(ModelFamily.MMOE, EmbeddingUpdate.LAZY, 16)), 0));
        assertTrue(e.getMessage().contains("vocabulary"), e.getMessage());
    }
}

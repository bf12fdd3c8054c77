package dev.tributary.learner;

import dev.tributary.features.Batch;
import dev.tributary.model.ParamLayout;
import dev.tributary.optim.FlatState;
import dev.tributary.spec.*;
import dev.tributary.util.Rng;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The drift reactions on a learner's parts: what each one changes, and what it leaves alone. */
class ReactionsTest {

    static Learner trained(ReactionsSpec reactions) {
        TopologySpec spec = TestSpecs.synthetic(ModelFamily.MMOE)
                .withMonitoring(new MonitoringSpec(true, 1, 0, DriftSpec.defaults(), 0, reactions));
        Learner learner = new Learner(spec);
        learner.process(LearnerTest.events(spec, 800));
        return learner;
    }

    static ReactionsSpec forT1(int cooldown, ReactionSpec... r) {
        return new ReactionsSpec(List.of(DriftSignal.ERROR), cooldown, List.of(), Map.of("t1", List.of(r)));
    }

    /** Adam's first and second moments, read from its documented state layout. */
    static float[][] adamMoments(Learner l) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        l.trainer.optimizer().writeState(new DataOutputStream(bytes));
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        in.readLong();
        float[] m = new float[l.parameterCount()];
        float[] v = new float[l.parameterCount()];
        FlatState.read(in, m, "m");
        FlatState.read(in, v, "v");
        return new float[][]{m, v};
    }

    @Test
    void shouldReinitialiseOnlyTheTowerFromASeededStreamAndZeroItsOptimizerState() throws IOException {
        Learner l = trained(forT1(0, ReactionSpec.of(ReactionType.RESET_TOWER)));
        float[] before = l.parameters();
        float[][] momentsBefore = adamMoments(l);
        long version = l.steps();

        assertEquals("reset-tower", l.reactions.react(0, DriftSignal.ERROR));

        float[] after = l.parameters();
        float[][] moments = adamMoments(l);
        List<ParamLayout.Block> tower = l.net.towerBlocks(0);
        float[] expected = new float[l.parameterCount()];
        l.net.layout().initialise(expected, Rng.derive(l.spec().seed(), "reset-tower.t1." + version), tower);
        boolean[] inTower = new boolean[after.length];
        for (ParamLayout.Block b : tower) {
            for (int i = b.offset(); i < b.offset() + b.size(); i++) {
                inTower[i] = true;
                assertEquals(expected[i], after[i], b.name() + " re-initialised");
                assertEquals(0f, moments[0][i]);
                assertEquals(0f, moments[1][i]);
            }
        }
        int changedMoments = 0;
        for (int i = 0; i < after.length; i++) {
            if (!inTower[i]) {
                assertEquals(before[i], after[i], "parameter " + i + " outside t1's tower");
                assertEquals(momentsBefore[1][i], moments[1][i]);
            } else {
                changedMoments += momentsBefore[1][i] != 0 ? 1 : 0;
            }
        }
        assertTrue(changedMoments > 0, "the tower had optimizer state to zero");
        assertEquals(l.net.layout().blocksWithPrefix("tower.t1.").size(), tower.size());
    }

    @Test
    void shouldBoostForTheConfiguredBatchesAndRestUntilTheCooldownHasPassed() {
        Learner l = trained(forT1(3, new ReactionSpec(ReactionType.BOOST_LR, 2.5, 2)));

        assertEquals("none", l.reactions.react(1, DriftSignal.ERROR), "t2 has no reaction");
        assertEquals("none", l.reactions.react(0, DriftSignal.LOSS), "loss alerts do not trigger");
        assertEquals("boost-lr", l.reactions.react(0, DriftSignal.ERROR));
        assertEquals(2.5, l.trainer.taskLrScale[0]);
        assertEquals(1.0, l.trainer.taskLrScale[1]);
        assertEquals("cooldown", l.reactions.react(0, DriftSignal.ERROR), "same model version: within the cooldown");
        l.reactions.afterBatch();
        assertEquals(2.5, l.trainer.taskLrScale[0]);
        l.reactions.afterBatch();
        assertEquals(1.0, l.trainer.taskLrScale[0], "two batches later the boost is over");
        List<dev.tributary.event.Event> more = LearnerTest.events(l.spec(), 900).subList(800, 900);
        long start = l.steps();
        l.process(more);
        assertTrue(l.steps() - start >= 3, "enough steps for the cooldown");
        assertEquals("boost-lr", l.reactions.react(0, DriftSignal.ERROR));
    }

    /** Every update rule is linear in its learning rate, so a boost multiplies the task's own updates exactly. */
    @Test
    void shouldMultiplyTheUpdateOfTheBoostedTasksOwnParametersOnly() {
        for (OptimizerType type : OptimizerType.values()) {
            TopologySpec spec = TestSpecs.synthetic(ModelFamily.MMOE);
            WeightingSpec weighting = WeightingSpec.defaults();
            TopologySpec withOptimizer = new TopologySpec(spec.name(), spec.seed(), spec.tasks(), spec.features(),
                    spec.model(), new OptimizerSpec(type, 0.01, 0.9, 0.999, 1e-8, 0, 0.01), weighting, spec.sampler(),
                    spec.batch(), null, spec.synthetic());
            Trainer plain = TrainerTest.trainer(withOptimizer, weighting);
            Trainer boosted = TrainerTest.trainer(withOptimizer, weighting);
            Batch batch = TrainerTest.batch(withOptimizer, 24);
            plain.step(batch, new Rng(1), 1.0);
            boosted.step(batch, new Rng(1), 1.0);
            float[] start = plain.params.clone();
            assertArrayEquals(start, boosted.params);
            boosted.taskLrScale[1] = 3.0;
            plain.step(batch, new Rng(2), 1.0);
            boosted.step(batch, new Rng(2), 1.0);

            boolean[] own = new boolean[start.length];
            int[] r = plain.ownRanges[1];
            for (int k = 0; k < r.length; k += 2) {
                for (int i = r[k]; i < r[k] + r[k + 1]; i++) {
                    own[i] = true;
                }
            }
            for (int i = 0; i < start.length; i++) {
                float plainUpdate = plain.params[i] - start[i];
                float boostedUpdate = boosted.params[i] - start[i];
                if (own[i]) {
                    assertEquals(3 * plainUpdate, boostedUpdate, 1e-6f + 1e-5f * Math.abs(plainUpdate), type + " " + i);
                } else {
                    assertEquals(plain.params[i], boosted.params[i], type + ": parameter " + i + " is not t2's");
                }
            }
        }
    }
}

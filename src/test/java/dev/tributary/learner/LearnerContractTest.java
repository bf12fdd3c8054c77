package dev.tributary.learner;

import dev.tributary.event.Event;
import dev.tributary.spec.InvalidFieldException;
import dev.tributary.spec.ModelFamily;
import dev.tributary.spec.SamplerType;
import dev.tributary.spec.TaskKind;
import dev.tributary.spec.TaskSpec;
import dev.tributary.spec.TopologySpec;
import dev.tributary.spec.WeightingType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract every learner configuration keeps, run over each model family with each loss weighting
 * and with each task sampler (70 configurations), on a binary, a multiclass and a regression task:
 * predictions are well-formed for their kind and made before learning; the same events give the same
 * model; a restore from a mid-stream snapshot continues bit-identically; a corrupt snapshot is refused.
 * GradNorm on a family without a layer shared by all tasks is refused when the spec is built.
 */
class LearnerContractTest {

    static Stream<Arguments> configurations() {
        List<Arguments> out = new ArrayList<>();
        for (ModelFamily f : ModelFamily.values()) {
            for (WeightingType w : WeightingType.values()) {
                out.add(Arguments.of(f, w, SamplerType.UNIFORM));
            }
            for (SamplerType s : SamplerType.values()) {
                if (s != SamplerType.UNIFORM) {
                    out.add(Arguments.of(f, WeightingType.FIXED, s));
                }
            }
        }
        return out.stream();
    }

    /** t1 binary, t2 multiclass (three classes), t3 regression. */
    static TopologySpec spec(ModelFamily family, WeightingType weighting, SamplerType sampler) {
        TopologySpec s = TestSpecs.synthetic(family, weighting, sampler, 8);
        List<TaskSpec> tasks = List.of(s.tasks().get(0),
                new TaskSpec("t2", TaskKind.MULTICLASS, List.of("a", "b", "c"), "t2.events", false), s.tasks().get(2));
        return new TopologySpec(s.name(), s.seed(), tasks, s.features(), s.model(), s.optimizer(), s.weighting(),
                s.sampler(), s.batch(), s.dataset(), null, s.monitoring());
    }

    /** The synthetic stream's t1 and t3 events; t2's labels are a class from two features. */
    static List<Event> events(TopologySpec spec, int n) {
        List<Event> out = new ArrayList<>();
        for (Event e : LearnerTest.events(TestSpecs.synthetic(ModelFamily.MMOE), n)) {
            if (e.task().equals("t2")) {
                double x0 = (Double) e.features().get("x0");
                double x1 = (Double) e.features().get("x1");
                Object label = e.label() == null ? null : x0 > 0.5 ? "a" : x1 > 0 ? "b" : "c";
                out.add(new Event("t2", e.id(), e.timestamp(), e.features(), label));
            } else {
                out.add(e);
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("configurations")
    void shouldKeepTheLearnerContract(ModelFamily family, WeightingType weighting, SamplerType sampler) {
        if (weighting == WeightingType.GRADNORM
                && (family == ModelFamily.SINGLE_TASK || family == ModelFamily.SOFT_SHARING)) {
            var e = assertThrows(InvalidFieldException.class, () -> spec(family, weighting, sampler));
            assertTrue(e.getMessage().contains("gradnorm needs a model family with shared layers"), e.getMessage());
            return;
        }
        TopologySpec spec = spec(family, weighting, sampler);
        List<Event> ev = events(spec, 900);
        Learner a = new Learner(spec);
        List<Prediction> first = a.process(ev.subList(0, 500));
        first.forEach(p -> wellFormed(spec, p));
        assertEquals(0, first.get(0).modelVersion(), "the first event is scored before any training");
        assertTrue(a.steps() > 0, "it trained");

        Learner same = new Learner(spec);
        same.process(ev.subList(0, 500));
        assertArrayEquals(a.snapshot(), same.snapshot(), "the same events give the same model");

        byte[] mid = a.snapshot();
        List<Prediction> expected = a.process(ev.subList(500, ev.size()));
        Learner restored = Learner.restore(spec, mid);
        List<Prediction> actual = restored.process(ev.subList(500, ev.size()));
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).score(), actual.get(i).score(), "prediction " + i + " after the restore");
        }
        assertArrayEquals(a.snapshot(), restored.snapshot(), "bit-identical after the restore");

        byte[] corrupt = mid.clone();
        corrupt[corrupt.length / 3] ^= 0x04;
        assertThrows(SnapshotException.class, () -> Learner.restore(spec, corrupt));
    }

    static void wellFormed(TopologySpec spec, Prediction p) {
        TaskKind kind = spec.tasks().get(spec.taskIndex(p.task()).orElseThrow()).kind();
        assertTrue(Double.isFinite(p.score()), p.toString());
        switch (kind) {
            case BINARY -> assertTrue(p.score() >= 0 && p.score() <= 1, "a probability: " + p);
            case MULTICLASS -> {
                double sum = 0;
                for (double d : p.distribution()) {
                    assertTrue(d >= 0 && d <= 1, "a probability: " + p);
                    sum += d;
                }
                assertEquals(1.0, sum, 1e-5, "a distribution: " + p);
                assertEquals(3, p.distribution().length);
                assertTrue(List.of("a", "b", "c").contains(p.predicted()), p.toString());
            }
            case REGRESSION -> assertTrue(p.distribution() == null && p.predicted() == null, p.toString());
        }
    }
}

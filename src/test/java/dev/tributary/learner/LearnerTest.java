package dev.tributary.learner;

import dev.tributary.data.SyntheticStream;
import dev.tributary.event.Event;
import dev.tributary.spec.ModelFamily;
import dev.tributary.spec.SamplerType;
import dev.tributary.spec.TopologySpec;
import dev.tributary.spec.WeightingType;
import dev.tributary.util.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class LearnerTest {

    /** Synthetic events with a categorical feature added, labels present on 80% of events. */
    static List<Event> events(TopologySpec spec, int n) {
        SyntheticStream s = new SyntheticStream(spec);
        Rng rng = new Rng(99);
        List<Event> out = new ArrayList<>();
        while (out.size() < n && s.hasNext()) {
            Event e = s.next();
            Map<String, Object> f = new HashMap<>(e.features());
            f.put("color", new String[]{"red", "green", "blue"}[rng.nextInt(3)]);
            boolean keepLabel = rng.nextDouble() < 0.8;
            out.add(new Event(e.task(), e.id(), e.timestamp(), f, keepLabel ? e.label() : null));
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(ModelFamily.class)
    void shouldGiveBitIdenticalParametersForTheSameSeedAndEvents(ModelFamily family) {
        TopologySpec spec = TestSpecs.synthetic(family);
        List<Event> ev = events(spec, 1500);
        Learner a = new Learner(spec);
        Learner b = new Learner(spec);
        a.process(ev);
        b.process(ev);
        assertTrue(a.steps() > 50, "trained " + a.steps() + " steps");
        assertArrayEquals(a.parameters(), b.parameters());
    }

    @Test
    void shouldNotDependOnHowTheStreamIsCutIntoCalls() {
        TopologySpec spec = TestSpecs.synthetic(ModelFamily.MMOE);
        List<Event> ev = events(spec, 2000);
        Learner whole = new Learner(spec);
        List<Prediction> p1 = whole.process(ev);
        Learner pieces = new Learner(spec);
        List<Prediction> p2 = new ArrayList<>();
        Rng rng = new Rng(5);
        for (int i = 0; i < ev.size(); ) {
            int n = 1 + rng.nextInt(40);
            p2.addAll(pieces.process(ev.subList(i, Math.min(ev.size(), i + n))));
            i += n;
        }
        assertArrayEquals(whole.parameters(), pieces.parameters());
        assertEquals(p1, p2.stream().toList().size() == p1.size() ? p2 : null);
        for (int i = 0; i < p1.size(); i++) {
            assertEquals(p1.get(i).score(), p2.get(i).score(), "prediction " + i);
            assertEquals(p1.get(i).modelVersion(), p2.get(i).modelVersion());
        }
    }

    @ParameterizedTest
    @EnumSource(ModelFamily.class)
    void shouldContinueIdenticallyAfterSnapshotAndRestoreMidStream(ModelFamily family) {
        TopologySpec spec = TestSpecs.synthetic(family, WeightingType.UNCERTAINTY, SamplerType.ADAPTIVE, 8);
        List<Event> ev = events(spec, 2000);
        Learner reference = new Learner(spec);
        reference.process(ev.subList(0, 1013));
        byte[] snap = reference.snapshot();
        List<Prediction> expected = reference.process(ev.subList(1013, 2000));

        Learner restored = Learner.restore(spec, snap);
        assertArrayEquals(snap, restored.snapshot(), "restore then snapshot is the identity");
        List<Prediction> actual = restored.process(ev.subList(1013, 2000));
        assertArrayEquals(reference.parameters(), restored.parameters());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).score(), actual.get(i).score(), "prediction " + i);
        }
        assertArrayEquals(reference.snapshot(), restored.snapshot());
    }

    @Test
    void shouldLearnTheSyntheticTasks() {
        TopologySpec spec = TestSpecs.synthetic(ModelFamily.MMOE);
        Learner l = new Learner(spec);
        l.process(events(spec, 15000));
        LearnerStats stats = l.stats();
        double auc1 = stats.tasks().get(0).metrics().get("auc_window");
        double auc2 = stats.tasks().get(1).metrics().get("auc_window");
        double rmse = stats.tasks().get(2).metrics().get("rmse_window");
        double labelStd = 1.0; // the synthetic target's scale is about 1-2; a constant predictor scores its std
        assertTrue(auc1 > 0.85, "t1 windowed AUC " + auc1);
        assertTrue(auc2 > 0.85, "t2 windowed AUC " + auc2);
        assertTrue(rmse < labelStd, "t3 windowed RMSE " + rmse);
    }

    @Test
    void shouldRefuseBadEventsByNameAndLeaveStateUnchanged() {
        TopologySpec spec = TestSpecs.synthetic(ModelFamily.MMOE);
        Learner l = new Learner(spec);
        l.process(events(spec, 300));
        byte[] before = l.snapshot();
        Map<String, Object> ok = Map.of("x0", 1.0);
        Map<String, Object> nan = new HashMap<>(ok);
        nan.put("x1", Double.NaN);
        Map<String, Object> inf = new HashMap<>(ok);
        inf.put("x1", Double.POSITIVE_INFINITY);
        Map<String, Object> text = new HashMap<>(ok);
        text.put("x2", "abc");
        Map<String, Object> list = new HashMap<>(ok);
        list.put("color", List.of(1));
        String[][] cases = {
                {"nan", "feature 'x1' must be finite"}, {"inf", "feature 'x1' must be finite"},
                {"text", "feature 'x2' must be a number, found string 'abc'"},
                {"list", "feature 'color' must be a string or number"},
                {"task", "unknown task 'nope'"}, {"binlabel", "label of binary task 't1' must be 0 or 1, found double 2.0"},
                {"strlabel", "label of regression task 't3' must be a number, found string 'x'"},
                {"nanlabel", "label of regression task 't3' must be finite"},
        };
        for (String[] c : cases) {
            Event bad = switch (c[0]) {
                case "nan" -> new Event("t1", "b1", 0, nan, 1.0);
                case "inf" -> new Event("t1", "b1", 0, inf, 1.0);
                case "text" -> new Event("t1", "b1", 0, text, 1.0);
                case "list" -> new Event("t1", "b1", 0, list, 1.0);
                case "task" -> new Event("nope", "b1", 0, ok, 1.0);
                case "binlabel" -> new Event("t1", "b1", 0, ok, 2.0);
                case "strlabel" -> new Event("t3", "b1", 0, ok, "x");
                default -> new Event("t3", "b1", 0, ok, Double.NaN);
            };
            List<Event> batch = List.of(new Event("t1", "good", 0, ok, 1.0), bad);
            InvalidEventException ex = assertThrows(InvalidEventException.class, () -> l.process(batch));
            assertTrue(ex.getMessage().contains(c[1]), ex.getMessage());
            assertTrue(ex.getMessage().contains("'b1'"), ex.getMessage());
            assertEquals(l.check(bad) == null, false);
            assertArrayEquals(before, l.snapshot(), "state unchanged after refusing " + c[0]);
        }
    }

    @Test
    void shouldRefuseAMulticlassLabelOutsideItsClasses() {
        TopologySpec base = TestSpecs.synthetic(ModelFamily.SHARED_BOTTOM);
        var tasks = List.of(new dev.tributary.spec.TaskSpec("m", dev.tributary.spec.TaskKind.MULTICLASS,
                List.of("a", "b", "c"), "m.events", false));
        TopologySpec spec = new TopologySpec("mc", 1, tasks, base.features(), base.model(), base.optimizer(),
                base.weighting(), new dev.tributary.spec.SamplerSpec(SamplerType.UNIFORM, Map.of(), 2.0, 64, 64, 100),
                base.batch(), null, null);
        Learner l = new Learner(spec);
        assertNull(l.check(new Event("m", null, 0, Map.of(), "b")));
        assertNull(l.check(new Event("m", null, 0, Map.of(), 2)));
        assertTrue(l.check(new Event("m", null, 0, Map.of(), "d")).contains("one of [a, b, c], found string 'd'"));
        assertTrue(l.check(new Event("m", null, 0, Map.of(), 3)).contains("class index 0..2"));
        List<Prediction> p = l.process(List.of(new Event("m", "e1", 0, Map.of("x0", 1.0), "c")));
        assertEquals(3, p.get(0).distribution().length);
        assertEquals(1.0, java.util.Arrays.stream(p.get(0).distribution()).sum(), 1e-9);
    }

    @Test
    void shouldRefuseCorruptOtherVersionAndOtherSpecSnapshots() {
        TopologySpec spec = TestSpecs.synthetic(ModelFamily.MMOE);
        Learner l = new Learner(spec);
        l.process(events(spec, 200));
        byte[] snap = l.snapshot();
        byte[] corrupt = snap.clone();
        corrupt[corrupt.length / 2] ^= 0x10;
        assertTrue(assertThrows(SnapshotException.class, () -> Learner.restore(spec, corrupt)).getMessage()
                .contains("checksum"));
        byte[] version = snap.clone();
        version[7] = 9;
        assertTrue(assertThrows(SnapshotException.class, () -> Learner.restore(spec, version)).getMessage()
                .contains("format version 9 is not supported"));
        byte[] truncated = java.util.Arrays.copyOf(snap, snap.length - 20);
        assertThrows(SnapshotException.class, () -> Learner.restore(spec, truncated));
        TopologySpec other = TestSpecs.synthetic(ModelFamily.CGC);
        assertTrue(assertThrows(SnapshotException.class, () -> Learner.restore(other, snap)).getMessage()
                .contains("different model"));
    }
}

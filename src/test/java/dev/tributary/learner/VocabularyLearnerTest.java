package dev.tributary.learner;

import dev.tributary.event.Event;
import dev.tributary.features.Vocabulary;
import dev.tributary.spec.BatchSpec;
import dev.tributary.spec.EmbeddingUpdate;
import dev.tributary.spec.FeatureSpec;
import dev.tributary.spec.ModelFamily;
import dev.tributary.spec.TopologySpec;
import dev.tributary.spec.VocabularySpec;
import dev.tributary.util.ByteArrayDataOutput;
import dev.tributary.util.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A learner with a vocabulary feature: its state (rows, vocabulary entries) survives checkpoints and
 * snapshots bit-identically, a value given a row starts from the unknown row, examples buffered
 * before a value got its row train that row, and the vocabulary is counted in the stats.
 */
class VocabularyLearnerTest {

    /** The synthetic spec plus feature {@code user}: 64 rows, minCount 2, rows expire after 3 s of event time. */
    static TopologySpec spec(ModelFamily family, EmbeddingUpdate embeddings, int batch) {
        TopologySpec s = TestSpecs.synthetic(family);
        List<FeatureSpec> features = new ArrayList<>(s.features());
        features.add(FeatureSpec.categorical("user", 64, 4, new VocabularySpec(2, 3000, 64)));
        return new TopologySpec(s.name(), s.seed(), s.tasks(), features, s.model(),
                s.optimizer().withEmbeddings(embeddings), s.weighting(), s.sampler(), new BatchSpec(batch, 100),
                s.dataset(), s.synthetic(), s.monitoring());
    }

    /** The learner test's events with a skewed {@code user} (over 400 values, 1 in 10 missing), 10 ms apart. */
    static List<Event> events(TopologySpec spec, int n) {
        Rng rng = new Rng(5);
        List<Event> out = new ArrayList<>();
        int i = 0;
        for (Event e : LearnerTest.events(spec, n)) {
            Map<String, Object> f = new HashMap<>(e.features());
            if (rng.nextDouble() < 0.9) {
                f.put("user", "u" + (int) Math.floor(Math.pow(400, rng.nextDouble())));
            }
            out.add(new Event(e.task(), e.id(), 10L * i++, f, e.label()));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}, {1} embedding updates")
    @CsvSource({"MMOE, LAZY", "MMOE, DENSE", "SINGLE_TASK, LAZY", "SOFT_SHARING, LAZY", "PLE, LAZY"})
    void shouldContinueBitIdenticallyFromItsCheckpointsAndFromASnapshot(ModelFamily family,
                                                                       EmbeddingUpdate embeddings) {
        TopologySpec spec = spec(family, embeddings, 16);
        List<Event> ev = events(spec, 4000);
        Learner a = new Learner(spec);
        CheckpointTest.Store store = new CheckpointTest.Store();
        for (int i = 0; i < 3000; i += 250) {
            a.process(ev.subList(i, i + 250));
            store.take(a);
        }
        LearnerStats.VocabularyStats v = a.stats().vocabularies().get(0);
        assertTrue(v.admitted() > 64 && v.evicted() + v.expired() > 0, "the stream filled the vocabulary: " + v);
        long stored = store.rows.keySet().stream().filter(k -> k.startsWith("v")).count();
        assertEquals(v.live(), stored, "one stored entry per live row: freed entries are deleted");
        assertEquals(v.counting(), store.rows.keySet().stream().filter(k -> k.startsWith("c")).count());

        Learner fromCheckpoints = Learner.restore(spec, store);
        Learner fromSnapshot = Learner.restore(spec, a.snapshot());
        assertArrayEquals(a.snapshot(), fromCheckpoints.snapshot(), "the same state, part for part");
        List<Prediction> pa = a.process(ev.subList(3000, 4000));
        List<Prediction> pc = fromCheckpoints.process(ev.subList(3000, 4000));
        List<Prediction> ps = fromSnapshot.process(ev.subList(3000, 4000));
        assertArrayEquals(a.parameters(), fromCheckpoints.parameters(), "continues bit-identically (checkpoints)");
        assertArrayEquals(a.parameters(), fromSnapshot.parameters(), "continues bit-identically (snapshot)");
        assertEquals(scores(pa), scores(pc));
        assertEquals(scores(pa), scores(ps));
    }

    @Test
    void shouldNotDependOnHowTheStreamIsCutIntoCalls() {
        TopologySpec spec = spec(ModelFamily.MMOE, EmbeddingUpdate.LAZY, 16);
        List<Event> ev = events(spec, 2000);
        Learner whole = new Learner(spec);
        List<Prediction> all = whole.process(ev);
        Learner pieces = new Learner(spec);
        List<Prediction> parts = new ArrayList<>();
        for (int i = 0; i < ev.size(); i += 37) {
            parts.addAll(pieces.process(ev.subList(i, Math.min(ev.size(), i + 37))));
        }
        assertEquals(scores(all), scores(parts));
        assertArrayEquals(whole.parameters(), pieces.parameters());
    }

    @Test
    void shouldStartANewValuesRowFromTheUnknownRowWithFreshMoments() {
        // One large batch: no training step runs between the arrivals, so rows move only by admission.
        TopologySpec spec = spec(ModelFamily.SHARED_BOTTOM, EmbeddingUpdate.LAZY, 64);
        Learner l = new Learner(spec);
        List<Event> warm = events(spec, 640);
        l.process(warm);
        assertTrue(l.steps() >= 5, "trained " + l.steps() + " steps");
        Event template = warm.get(0);
        Event fresh = withUser(template, "newcomer", 10_000);
        Event other = withUser(template, "never-seen", 10_001);
        float[] before = l.parameters();
        long steps = l.steps();
        l.process(List.of(fresh));
        Vocabulary v = l.encoder.vocabulary(1);
        assertEquals(Vocabulary.UNKNOWN, v.row(fingerprintOf(l, fresh)), "one arrival: still unknown (minCount 2)");
        l.process(List.of(withUser(template, "newcomer", 10_002)));
        int row = v.row(fingerprintOf(l, fresh));
        assertNotEquals(Vocabulary.UNKNOWN, row, "the second arrival gives it a row");
        assertEquals(steps, l.steps(), "no step in between");
        int table = l.net.layout().tablesOf(1)[0];
        var block = l.net.layout().tables().get(table);
        float[] p = l.parameters();
        for (int d = 0; d < block.fanOut(); d++) {
            assertEquals(p[block.offset() + d], p[block.offset() + row * block.fanOut() + d], "row = unknown row");
        }
        boolean moved = false;
        for (int d = 0; d < block.fanOut(); d++) {
            moved |= before[block.offset() + row * block.fanOut() + d] != p[block.offset() + row * block.fanOut() + d];
        }
        assertTrue(moved, "the row held something else before (another value's, or its initial draw)");
        assertEquals(l.predict(List.of(other)).get(0).score(),
                l.predict(List.of(withUser(template, "newcomer", 10_003))).get(0).score(),
                "so the new value is scored as an unknown one until it trains");
        float[] moments = new float[block.fanOut() * 2];
        var out = new ByteArrayDataOutput(64);
        try {
            l.trainer.optimizer().writeRange(out, block.offset() + row * block.fanOut(),
                    block.offset() + (row + 1) * block.fanOut());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertArrayEquals(new byte[moments.length * 4], out.toByteArray(), "Adam's moments of the row start at zero");
        assertEquals(0, l.trainer.optimizer().rowUpdates(table, row), "and so does its update count");
    }

    @Test
    void shouldTrainTheRowAValueGotAfterItsExamplesWereBuffered() {
        TopologySpec spec = spec(ModelFamily.SHARED_BOTTOM, EmbeddingUpdate.LAZY, 64);
        Learner l = new Learner(spec);
        l.process(events(spec, 640));
        Event template = events(spec, 1).get(0);
        // Both arrivals are buffered before the batch is drawn; the first was encoded as unknown.
        List<Event> two = List.of(withUser(template, "late", 20_000), withUser(template, "late", 20_001));
        l.process(two);
        int row = l.encoder.vocabulary(1).row(fingerprintOf(l, two.get(0)));
        int table = l.net.layout().tablesOf(1)[0];
        long updatesBefore = l.trainer.optimizer().rowUpdates(table, row);
        long steps = l.steps();
        List<Event> rest = new ArrayList<>();
        for (Event e : events(spec, 640)) {
            Map<String, Object> f = new HashMap<>(e.features());
            f.remove("user");
            rest.add(new Event(e.task(), e.id(), 30_000 + e.timestamp(), f, e.label()));
        }
        l.process(rest);
        assertTrue(l.steps() > steps);
        assertTrue(l.trainer.optimizer().rowUpdates(table, row) > updatesBefore,
                "the buffered examples of 'late' trained its new row, not the unknown row");
    }

    @Test
    void shouldCountTheVocabularyInTheStats() {
        TopologySpec spec = spec(ModelFamily.MMOE, EmbeddingUpdate.LAZY, 16);
        List<Event> ev = events(spec, 3000);
        Learner l = new Learner(spec);
        l.process(ev);
        LearnerStats.VocabularyStats v = l.stats().vocabularies().get(0);
        long present = ev.stream().filter(e -> e.features().get("user") != null).count();
        assertEquals("user", v.feature());
        assertEquals(64, v.rows());
        assertEquals(present, v.lookups(), "one lookup per arrival of a present value");
        assertTrue(v.unknown() >= v.admitted() && v.unknown() < v.lookups(), v.toString());
        assertTrue(v.live() <= 63 && v.live() == v.admitted() - v.evicted() - v.expired(), v.toString());
        assertTrue(new Learner(TestSpecs.synthetic(ModelFamily.MMOE)).stats().vocabularies().isEmpty());
    }

    /** Each prediction's score and model version. */
    private static List<String> scores(List<Prediction> p) {
        return p.stream().map(x -> x.score() + "@" + x.modelVersion()).toList();
    }

    private static Event withUser(Event e, String user, long ts) {
        Map<String, Object> f = new HashMap<>(e.features());
        f.put("user", user);
        return new Event(e.task(), e.id(), ts, f, e.label());
    }

    private static long fingerprintOf(Learner l, Event e) {
        long[] out = new long[1];
        l.encoder.fingerprints(e.features(), out, 0);
        return out[0];
    }
}

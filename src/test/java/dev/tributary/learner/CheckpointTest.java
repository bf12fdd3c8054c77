package dev.tributary.learner;

import dev.tributary.event.Event;
import dev.tributary.spec.EmbeddingUpdate;
import dev.tributary.spec.ModelFamily;
import dev.tributary.spec.SamplerType;
import dev.tributary.spec.TopologySpec;
import dev.tributary.spec.WeightingType;
import dev.tributary.util.PartSink;
import dev.tributary.util.PartSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Incremental checkpoints: a store that applies each checkpoint (parts replaced, rows overwritten)
 * rebuilds the identical learner, and a checkpoint carries only the rows that changed since the last.
 */
class CheckpointTest {

    /** An in-memory store: the latest bytes of each part and row, and what the last checkpoint wrote. */
    static final class Store implements PartSink, PartSource {
        final Map<String, byte[]> parts = new TreeMap<>();
        final Map<String, byte[]> rows = new TreeMap<>();
        int lastRows;

        void take(Learner l) {
            lastRows = 0;
            l.checkpoint(this);
        }

        @Override
        public void part(String name, byte[] bytes) {
            parts.put(name, bytes);
        }

        @Override
        public void row(String key, byte[] bytes) {
            rows.put(key, bytes);
            lastRows++;
        }

        @Override
        public void deleteRow(String key) {
            rows.remove(key);
            lastRows++;
        }

        @Override
        public byte[] part(String name) {
            return parts.get(name);
        }

        @Override
        public void rows(BiConsumer<String, byte[]> visitor) {
            rows.forEach(visitor);
        }
    }

    static TopologySpec spec(ModelFamily family, EmbeddingUpdate embeddings) {
        TopologySpec s = TestSpecs.synthetic(family, WeightingType.FIXED, SamplerType.UNIFORM, 8);
        return new TopologySpec(s.name(), s.seed(), s.tasks(), s.features(), s.model(),
                s.optimizer().withEmbeddings(embeddings), s.weighting(), s.sampler(), s.batch(), s.dataset(),
                s.synthetic(), s.monitoring());
    }

    @ParameterizedTest
    @EnumSource(EmbeddingUpdate.class)
    void shouldRebuildTheIdenticalLearnerFromItsCheckpoints(EmbeddingUpdate embeddings) {
        TopologySpec spec = spec(ModelFamily.MMOE, embeddings);
        List<Event> ev = LearnerTest.events(spec, 3000);
        Learner a = new Learner(spec);
        Store store = new Store();
        for (int i = 0; i < 2000; i += 250) {
            a.process(ev.subList(i, i + 250));
            store.take(a);
        }
        Learner b = Learner.restore(spec, store);
        assertArrayEquals(a.snapshot(), b.snapshot(), "the same state, part for part");
        a.process(ev.subList(2000, 3000));
        b.process(ev.subList(2000, 3000));
        assertArrayEquals(a.parameters(), b.parameters(), "and it continues bit-identically");
    }

    @Test
    void shouldWriteOnlyTheRowsTheStepsSinceTheLastCheckpointTouched() {
        TopologySpec spec = spec(ModelFamily.SHARED_BOTTOM, EmbeddingUpdate.LAZY);
        Learner l = new Learner(spec);
        Store store = new Store();
        store.take(l);
        assertEquals(0, store.lastRows, "a new learner's rows are at their initial values: none to write");
        l.process(LearnerTest.events(spec, 400));
        store.take(l);
        // The events carry three colours; an absent colour is the unknown bucket: at most 4 of 8 rows.
        assertTrue(store.lastRows >= 1 && store.lastRows <= 4, store.lastRows + " rows written");
        store.take(l);
        assertEquals(0, store.lastRows, "nothing trained since: no row to write");
    }

    @Test
    void shouldWriteEveryRowUnderDenseUpdatesAndAfterARestoreFromASnapshot() {
        TopologySpec dense = spec(ModelFamily.SHARED_BOTTOM, EmbeddingUpdate.DENSE);
        Learner l = new Learner(dense);
        l.process(LearnerTest.events(dense, 400));
        Store store = new Store();
        store.take(l);
        assertEquals(8, store.lastRows, "dense Adam moves every row");
        TopologySpec lazy = spec(ModelFamily.SHARED_BOTTOM, EmbeddingUpdate.LAZY);
        Learner restored = Learner.restore(lazy, l.snapshot());
        store = new Store();
        store.take(restored);
        assertEquals(8, store.lastRows, "a store that starts from a snapshot gets every row once");
    }

    @Test
    void shouldRefuseACheckpointOfAnotherSpecOrWithACorruptRow() {
        TopologySpec spec = spec(ModelFamily.MMOE, EmbeddingUpdate.LAZY);
        Learner l = new Learner(spec);
        l.process(LearnerTest.events(spec, 300));
        Store store = new Store();
        store.take(l);
        TopologySpec other = TestSpecs.synthetic(ModelFamily.CGC);
        SnapshotException e = assertThrows(SnapshotException.class, () -> Learner.restore(other, store));
        assertTrue(e.getMessage().startsWith("checkpoint is of another topology"), e.getMessage());

        String key = store.rows.keySet().iterator().next();
        byte[] row = store.rows.get(key);
        store.rows.put(key, Arrays.copyOf(row, row.length - 1));
        e = assertThrows(SnapshotException.class, () -> Learner.restore(spec, store));
        assertEquals("checkpoint row " + key + " has " + (row.length - 1) + " bytes, expected " + row.length,
                e.getMessage());
        store.rows.put(key, row);
        store.rows.put("0/99", row);
        e = assertThrows(SnapshotException.class, () -> Learner.restore(spec, store));
        assertEquals("checkpoint row 0/99 is outside this model's tables", e.getMessage());
        store.rows.remove("0/99");
        store.parts.remove(Checkpoints.DENSE);
        e = assertThrows(SnapshotException.class, () -> Learner.restore(spec, store));
        assertEquals("checkpoint has no part 'dense'", e.getMessage());
    }
}

package dev.tributary.state;

import dev.tributary.util.PartSource;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.*;

class SnapshotStoreTest {
    /** An opened store over an in-memory map (Kafka's test utilities provide the store context). */
    static SnapshotStore store(KeyValueStore<Bytes, byte[]> inner) {
        SnapshotStore s = new SnapshotStore(inner);
        s.init(new MockProcessorContext<>().getStateStoreContext(), s);
        return s;
    }

    static KeyValueStore<Bytes, byte[]> memory() {
        return Stores.inMemoryKeyValueStore("s").get();
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static Map<String, byte[]> rows(PartSource source) {
        Map<String, byte[]> out = new TreeMap<>();
        source.rows(out::put);
        return out;
    }

    static Bytes key(String k) {
        return Bytes.wrap(k.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldWriteOnlyThePartsWhoseBytesChangedAndTheRowsHandedOver() {
        SnapshotStore s = store(memory());
        assertNull(s.read(), "nothing stored yet");
        byte[] fixed = random(1000, 1);
        s.checkpoint(sink -> {
            sink.part("fixed", fixed);
            sink.part("moving", random(10, 2));
            sink.row("0/1", random(8, 3));
            sink.row("0/2", random(8, 4));
            return true;
        });
        assertEquals(1000 + 10 + 2 * (4 + 8), s.lastBytes());
        assertEquals(2, s.lastRows());
        s.checkpoint(sink -> {
            sink.part("fixed", fixed.clone());
            sink.part("moving", random(10, 5));
            sink.row("0/2", random(8, 6));
            return true;
        });
        assertEquals(10 + 4 + 8, s.lastBytes(), "the unchanged part is not written again");
        PartSource back = s.read().parts();
        assertArrayEquals(fixed, back.part("fixed"));
        assertArrayEquals(random(10, 5), back.part("moving"));
        assertNull(back.part("absent"));
        Map<String, byte[]> rows = rows(back);
        assertEquals(java.util.List.of("0/1", "0/2"), java.util.List.copyOf(rows.keySet()));
        assertArrayEquals(random(8, 3), rows.get("0/1"));
        assertArrayEquals(random(8, 6), rows.get("0/2"), "a row is overwritten by its newer value");
        assertEquals(2, s.writes());
    }

    /** What an instance skips it compares byte for byte with what it wrote itself; a new one writes all. */
    @Test
    void shouldWriteEveryPartOnceAfterTheStoreIsOpenedAgain() {
        KeyValueStore<Bytes, byte[]> inner = memory();
        byte[] fixed = random(100, 1);
        store(inner).checkpoint(sink -> {
            sink.part("fixed", fixed);
            return true;
        });
        SnapshotStore reopened = store(inner);
        reopened.checkpoint(sink -> {
            sink.part("fixed", fixed);
            return true;
        });
        assertEquals(100, reopened.lastBytes(), "no bytes of the earlier instance to compare with: written");
        reopened.checkpoint(sink -> {
            sink.part("fixed", fixed);
            return true;
        });
        assertEquals(0, reopened.lastBytes());
        assertArrayEquals(fixed, reopened.read().parts().part("fixed"));
    }

    @Test
    void shouldSplitALargePartIntoChunksAndDropTheChunksAShorterOneLeaves() {
        KeyValueStore<Bytes, byte[]> inner = memory();
        SnapshotStore s = store(inner);
        byte[] big = random(3 * SnapshotStore.CHUNK_BYTES + 17, 1);
        s.checkpoint(sink -> {
            sink.part("p", big);
            return true;
        });
        assertArrayEquals(big, s.read().parts().part("p"));
        assertNotNull(inner.get(key("part/p/3")));
        byte[] small = random(100, 2);
        s.checkpoint(sink -> {
            sink.part("p", small);
            return true;
        });
        assertArrayEquals(small, s.read().parts().part("p"));
        assertNull(inner.get(key("part/p/1")), "chunks 1 to 3 are deleted");
        assertNull(inner.get(key("part/p/3")));
    }

    @Test
    void shouldWriteNothingWhenTheCheckpointerReportsNoChange() {
        SnapshotStore s = store(memory());
        s.flushCache();
        assertNull(s.read(), "no checkpointer, nothing written");
        boolean[] changed = {true};
        s.setCheckpointer(sink -> {
            if (!changed[0]) {
                return false;
            }
            sink.part("p", random(10, 6));
            return true;
        });
        assertNull(s.read(), "nothing is written between commits");
        s.flushCache();
        changed[0] = false;
        s.flushCache();
        s.flushCache();
        assertEquals(1, s.writes(), "an idle application does not rewrite its state at every commit");
        assertArrayEquals(random(10, 6), s.read().parts().part("p"));
    }

    @Test
    void shouldRefuseAPartOrARowThatDoesNotMatchItsChecksum() {
        KeyValueStore<Bytes, byte[]> inner = memory();
        SnapshotStore s = store(inner);
        s.checkpoint(sink -> {
            sink.part("p", random(SnapshotStore.CHUNK_BYTES + 10, 5));
            sink.row("1/7", random(16, 7));
            return true;
        });
        byte[] chunk = inner.get(key("part/p/1"));
        chunk[3] ^= 1;
        inner.put(key("part/p/1"), chunk);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.read().parts().part("p"));
        assertEquals("s: part 'p' does not match its checksum", e.getMessage());
        inner.delete(key("part/p/0"));
        e = assertThrows(IllegalStateException.class, () -> s.read().parts().part("p"));
        assertEquals("s: chunk 0 of 2 of part 'p' is missing or too long", e.getMessage());
        byte[] row = inner.get(key("row/1/7"));
        row[9] ^= 4;
        inner.put(key("row/1/7"), row);
        e = assertThrows(IllegalStateException.class, () -> rows(s.read().parts()));
        assertEquals("s: row 1/7 does not match its checksum", e.getMessage());
    }

    @Test
    void shouldReadALayoutOneSnapshotAndReplaceItAtTheFirstCheckpoint() {
        KeyValueStore<Bytes, byte[]> inner = memory();
        SnapshotStore s = store(inner);
        byte[] old = random(SnapshotStore.CHUNK_BYTES + 10, 8);
        s.writeLegacy(old);
        assertArrayEquals(old, s.read().legacy());
        assertNull(s.read().parts());
        s.checkpoint(sink -> {
            sink.part("p", random(10, 9));
            return true;
        });
        assertNull(s.read().legacy());
        assertArrayEquals(random(10, 9), s.read().parts().part("p"));
        assertNull(inner.get(SnapshotStore.key("0")), "the old chunks are deleted");
        assertNull(inner.get(SnapshotStore.key("1")));
    }

    @Test
    void shouldReadTheSameStateFromTheLatestValuesOfItsChangelog() {
        KeyValueStore<Bytes, byte[]> inner = memory();
        SnapshotStore s = store(inner);
        s.checkpoint(sink -> {
            sink.part("p", random(30, 10));
            sink.row("0/3", random(8, 11));
            sink.row("0/10", random(8, 12));
            return true;
        });
        Map<Bytes, byte[]> latest = new HashMap<>();
        try (KeyValueIterator<Bytes, byte[]> it = inner.all()) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                latest.put(kv.key, kv.value);
            }
        }
        latest.put(key("row/9/9"), null); // a deleted key
        PartSource fromLog = SnapshotStore.fromChangelog("changelog", latest).parts();
        assertArrayEquals(random(30, 10), fromLog.part("p"));
        Map<String, byte[]> a = rows(fromLog);
        Map<String, byte[]> b = rows(s.read().parts());
        assertEquals(b.keySet(), a.keySet());
        assertArrayEquals(b.get("0/10"), a.get("0/10"));
    }

    @Test
    void shouldDeleteARowTheOwnerSaysIsGone() {
        SnapshotStore s = store(memory());
        s.checkpoint(sink -> {
            sink.part("p", random(4, 1));
            sink.row("v0/1", random(28, 2));
            sink.row("v0/2", random(28, 3));
            return true;
        });
        s.checkpoint(sink -> {
            sink.part("p", random(4, 1));
            sink.deleteRow("v0/1");
            sink.deleteRow("v0/7"); // never written: nothing to delete, not an error
            return true;
        });
        assertEquals(java.util.List.of("v0/2"), java.util.List.copyOf(rows(s.read().parts()).keySet()));
        assertEquals(2, s.lastRows(), "deletes count as rows written");
        assertEquals(0, s.lastBytes(), "a delete writes no bytes of its own (the changelog gets a tombstone)");
    }
}

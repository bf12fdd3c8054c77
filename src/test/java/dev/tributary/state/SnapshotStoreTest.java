package dev.tributary.state;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class SnapshotStoreTest {
    /** An opened store over an in-memory map (Kafka's test utilities provide the store context). */
    static SnapshotStore store() {
        KeyValueStore<Bytes, byte[]> inner = Stores.inMemoryKeyValueStore("s").get();
        SnapshotStore s = new SnapshotStore(inner);
        s.init(new MockProcessorContext<>().getStateStoreContext(), s);
        return s;
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void shouldSplitALargeSnapshotIntoChunksAndReassembleIt() {
        SnapshotStore s = store();
        assertNull(s.read(), "nothing stored yet");
        byte[] big = random(3 * SnapshotStore.CHUNK_BYTES + 17, 1);
        s.write(big);
        assertArrayEquals(big, s.read());
        byte[] small = random(100, 2);
        s.write(small);
        assertArrayEquals(small, s.read(), "a shorter snapshot replaces a longer one");
        s.write(new byte[0]);
        assertArrayEquals(new byte[0], s.read());
    }

    @Test
    void shouldWriteTheLiveSnapshotWhenKafkaStreamsFlushesItsCache() {
        SnapshotStore s = store();
        s.flushCache();
        assertNull(s.read(), "no snapshotter, nothing written");
        byte[][] live = {random(10, 3)};
        s.setSnapshotter(() -> live[0]);
        assertNull(s.read(), "nothing is written between commits");
        s.flushCache();
        assertArrayEquals(live[0], s.read());
        live[0] = random(SnapshotStore.CHUNK_BYTES + 1, 4);
        s.flushCache();
        assertArrayEquals(live[0], s.read());
        assertEquals(2, s.writes());
    }

    @Test
    void shouldWriteNothingWhenTheSnapshotterReportsNoChange() {
        SnapshotStore s = store();
        byte[][] live = {random(10, 6)};
        s.setSnapshotter(() -> live[0]);
        s.flushCache();
        live[0] = null; // unchanged since the last snapshot
        s.flushCache();
        s.flushCache();
        assertEquals(1, s.writes(), "an idle application does not rewrite its snapshot at every commit");
        assertArrayEquals(random(10, 6), s.read(), "the last snapshot stays");
        assertEquals(10, s.lastLength());
    }

    @Test
    void shouldRefuseChunksThatDoNotMatchTheirChecksum() {
        KeyValueStore<Bytes, byte[]> inner = Stores.inMemoryKeyValueStore("s").get();
        SnapshotStore s = new SnapshotStore(inner);
        s.write(random(SnapshotStore.CHUNK_BYTES + 10, 5));
        byte[] chunk = inner.get(SnapshotStore.key("1"));
        chunk[3] ^= 1;
        inner.put(SnapshotStore.key("1"), chunk);
        assertTrue(assertThrows(IllegalStateException.class, s::read).getMessage().contains("checksum"));
        inner.delete(SnapshotStore.key("0"));
        assertTrue(assertThrows(IllegalStateException.class, s::read).getMessage().contains("chunk 0"));
    }
}

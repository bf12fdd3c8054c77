package dev.tributary.state;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Supplier;
import java.util.zip.CRC32;

/**
 * A Kafka Streams state store holding one large binary snapshot (the learner's), persisted in RocksDB
 * and logged to a compacted changelog, and written <em>on the commit path</em> (DESIGN.md §4.3).
 *
 * <p>The owner registers a {@link #setSnapshotter snapshotter}. Kafka Streams flushes stores while it
 * prepares a commit, before it commits the consumed offsets (under {@code exactly_once_v2}, in the
 * same transaction as the changelog records); at that moment this store asks the snapshotter for the
 * live state and writes it, so the stored snapshot and the committed offsets always describe the same
 * moment. Between commits nothing is serialised, so there is no per-record store traffic.
 *
 * <p>Layout: the snapshot is split into chunks of at most {@value #CHUNK_BYTES} bytes under keys
 * {@code snapshot/0}, {@code snapshot/1}, …, and a {@code snapshot/meta} record (format version,
 * chunk count, length, CRC32) written last; chunks left over from a longer earlier snapshot are
 * deleted. A torn or corrupt set of chunks is detected by the checksum and refused on read.
 *
 * <p>Implementation note: being flushed at prepare-commit time needs Kafka Streams' internal
 * {@link CachedStateStore} hook (the record cache uses it); this class is the only place that relies
 * on it.
 */
public final class SnapshotStore implements StateStore, CachedStateStore<Bytes, byte[]> {
    /** Chunk size: well below the 1 MB default of {@code max.message.bytes}. */
    public static final int CHUNK_BYTES = 512 * 1024;
    static final int LAYOUT_VERSION = 1;
    static final Bytes META = key("meta");

    private final KeyValueStore<Bytes, byte[]> inner;
    private Supplier<byte[]> snapshotter;
    private long writes;
    private int lastLength;

    SnapshotStore(KeyValueStore<Bytes, byte[]> inner) {
        this.inner = inner;
    }

    static Bytes key(String suffix) {
        return Bytes.wrap(("snapshot/" + suffix).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Who provides the live snapshot at each commit; null stops writing. The snapshotter returns null
     * when the state has not changed since the snapshot it last returned, and then nothing is written.
     */
    public void setSnapshotter(Supplier<byte[]> snapshotter) {
        this.snapshotter = snapshotter;
    }

    /** Snapshots written since this store was opened. */
    public long writes() {
        return writes;
    }

    /** The length in bytes of the last snapshot written, 0 before the first. */
    public int lastLength() {
        return lastLength;
    }

    /** The stored snapshot, or null if none was ever written. */
    public byte[] read() {
        return assemble(name(), inner::get);
    }

    /**
     * Reassembles a snapshot from its chunks, looked up by key (from the store, or from the latest
     * value per key on the changelog topic); null when there is no meta record.
     */
    public static byte[] assemble(String source, java.util.function.Function<Bytes, byte[]> lookup) {
        byte[] meta = lookup.apply(META);
        if (meta == null) {
            return null;
        }
        ByteBuffer m = ByteBuffer.wrap(meta);
        int version = m.getInt();
        if (version != LAYOUT_VERSION) {
            throw new IllegalStateException(source + " holds snapshot layout version " + version
                    + ", this build reads " + LAYOUT_VERSION);
        }
        int chunks = m.getInt();
        int length = m.getInt();
        long crc = m.getLong();
        byte[] out = new byte[length];
        int at = 0;
        for (int i = 0; i < chunks; i++) {
            byte[] c = lookup.apply(key(Integer.toString(i)));
            if (c == null || at + c.length > length) {
                throw new IllegalStateException(source + ": snapshot chunk " + i + " of " + chunks
                        + " is missing or too long");
            }
            System.arraycopy(c, 0, out, at, c.length);
            at += c.length;
        }
        if (at != length || crcOf(out) != crc) {
            throw new IllegalStateException(source + ": snapshot chunks do not match their checksum");
        }
        return out;
    }

    /** Writes a snapshot now (normally done by {@link #flushCache()} at commit). */
    public void write(byte[] snapshot) {
        int previous = chunkCount();
        int chunks = Math.max(1, (snapshot.length + CHUNK_BYTES - 1) / CHUNK_BYTES);
        for (int i = 0; i < chunks; i++) {
            int from = i * CHUNK_BYTES;
            // One chunk is the snapshot itself: the store and the changelog producer copy what they keep.
            inner.put(key(Integer.toString(i)), chunks == 1 ? snapshot : Arrays.copyOfRange(snapshot, from,
                    Math.min(snapshot.length, from + CHUNK_BYTES)));
        }
        for (int i = chunks; i < previous; i++) {
            inner.delete(key(Integer.toString(i)));
        }
        ByteBuffer m = ByteBuffer.allocate(20);
        m.putInt(LAYOUT_VERSION).putInt(chunks).putInt(snapshot.length).putLong(crcOf(snapshot));
        inner.put(META, m.array());
        writes++;
        lastLength = snapshot.length;
    }

    private int chunkCount() {
        byte[] meta = inner.get(META);
        return meta == null ? 0 : ByteBuffer.wrap(meta).getInt(4);
    }

    private static long crcOf(byte[] b) {
        CRC32 crc = new CRC32();
        crc.update(b);
        return crc.getValue();
    }

    @Override
    public void flushCache() {
        if (snapshotter != null && inner.isOpen()) {
            byte[] snapshot = snapshotter.get();
            if (snapshot != null) {
                write(snapshot);
            }
        }
    }

    @Override
    public void clearCache() {
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<Bytes, byte[]> listener, boolean sendOldValues) {
        return false;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        inner.init(context, root);
    }

    @Override
    @SuppressWarnings("deprecation")
    public void flush() {
        inner.flush();
    }

    @Override
    public void commit(java.util.Map<org.apache.kafka.common.TopicPartition, Long> changelogOffsets) {
        inner.commit(changelogOffsets);
    }

    @Override
    public Long committedOffset(org.apache.kafka.common.TopicPartition partition) {
        return inner.committedOffset(partition);
    }

    @Override
    public boolean managesOffsets() {
        return inner.managesOffsets();
    }

    @Override
    public void close() {
        snapshotter = null;
        inner.close();
    }

    @Override
    public boolean persistent() {
        return inner.persistent();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }
}

package dev.tributary.state;

import dev.tributary.util.PartSink;
import dev.tributary.util.PartSource;
import org.apache.kafka.common.serialization.BytesSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Kafka Streams state store holding the learner's checkpoint, persisted in RocksDB and logged to a
 * compacted changelog, and written <em>on the commit path</em> (DESIGN.md §4.3).
 *
 * <p>The owner registers a {@link #setCheckpointer checkpointer}. Kafka Streams flushes stores while
 * it prepares a commit, before it commits the consumed offsets (under {@code exactly_once_v2}, in the
 * same transaction as the changelog records); at that moment this store asks the checkpointer for
 * what changed and writes it, so the stored state and the committed offsets always describe the same
 * moment. Between commits nothing is serialised, so there is no per-record store traffic.
 *
 * <p>Layout 2 (incremental): named parts ({@link PartSink#part}) under {@code part/<name>/<i>} in
 * chunks of at most {@value #CHUNK_BYTES} bytes, each rewritten only when its bytes changed (a part
 * over 1 MB, or the first after the store is opened, is always written); rows
 * ({@link PartSink#row}) under {@code row/<key>}, each value its CRC-32 then its bytes, written when
 * the owner hands them over (the embedding rows a commit's steps touched); and {@code snapshot/meta}
 * written last: layout version, then each part's name, chunk count, length and CRC-32. A commit thus
 * writes what changed, not the whole model. A part or row that does not match its checksum is
 * refused on read. Layout 1 (one snapshot in chunks {@code snapshot/<i>}, then a meta record of
 * version, chunk count, length and CRC-32) is still read; the first checkpoint after it writes layout
 * 2 and deletes the old chunks.
 *
 * <p>Implementation note: being flushed at prepare-commit time needs Kafka Streams' internal
 * {@link CachedStateStore} hook (the record cache uses it); this class is the only place that relies
 * on it.
 */
public final class SnapshotStore implements StateStore, CachedStateStore<Bytes, byte[]> {
    /** Chunk size: well below the 1 MB default of {@code max.message.bytes}. */
    public static final int CHUNK_BYTES = 512 * 1024;
    static final int LEGACY_LAYOUT = 1;
    static final int LAYOUT_VERSION = 2;
    static final Bytes META = key("meta");

    /** Writes a checkpoint into the sink; returns false when nothing changed since the last one. */
    public interface Checkpointer {
        boolean write(PartSink sink);
    }

    /** What the store holds: a layout-1 snapshot, or the parts and rows of layout 2. */
    public record Stored(byte[] legacy, PartSource parts) {
    }

    private final KeyValueStore<Bytes, byte[]> inner;
    private Checkpointer checkpointer;
    /** The parts the store holds (layout 2), loaded from the manifest before the first write. */
    private Map<String, StoreLayout.PartInfo> manifest;
    /**
     * The bytes of each part this store instance wrote last, up to {@value #COMPARED_BYTES} each: a part
     * is skipped only when its bytes are equal to them (a checksum match alone could hide a change).
     */
    private final Map<String, byte[]> written = new java.util.HashMap<>();
    private static final int COMPARED_BYTES = 1 << 20;
    private long writes;
    private long lastBytes;
    private int lastRows;

    SnapshotStore(KeyValueStore<Bytes, byte[]> inner) {
        this.inner = inner;
    }

    static Bytes key(String suffix) {
        return Bytes.wrap(("snapshot/" + suffix).getBytes(StandardCharsets.UTF_8));
    }

    /** Who provides what changed at each commit; null stops writing. */
    public void setCheckpointer(Checkpointer checkpointer) {
        this.checkpointer = checkpointer;
    }

    /** Checkpoints written since this store was opened. */
    public long writes() {
        return writes;
    }

    /** Bytes of parts and rows the last checkpoint wrote (the manifest not counted), 0 before the first. */
    public long lastBytes() {
        return lastBytes;
    }

    /** Rows the last checkpoint wrote. */
    public int lastRows() {
        return lastRows;
    }

    /** What the store holds, or null if nothing was ever written. */
    public Stored read() {
        return StoreLayout.read(name(), inner::get, (prefix, visitor) -> {
            try (KeyValueIterator<Bytes, byte[]> it = inner.prefixScan(prefix, new BytesSerializer())) {
                while (it.hasNext()) {
                    KeyValue<Bytes, byte[]> kv = it.next();
                    visitor.accept(kv.key, kv.value);
                }
            }
        });
    }

    /**
     * What a changelog holds, given the latest value of each key read from it (a null value is a
     * deleted key); null when there is no meta record.
     */
    public static Stored fromChangelog(String source, Map<Bytes, byte[]> latest) {
        return StoreLayout.read(source, latest::get, (prefix, visitor) -> latest.entrySet().stream()
                .filter(e -> e.getValue() != null && StoreLayout.startsWith(e.getKey(), prefix))
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> visitor.accept(e.getKey(), e.getValue())));
    }

    /** Writes a layout-1 snapshot (as builds before layout 2 did; kept for the migration tests). */
    void writeLegacy(byte[] snapshot) {
        int chunks = Math.max(1, (snapshot.length + CHUNK_BYTES - 1) / CHUNK_BYTES);
        for (int i = 0; i < chunks; i++) {
            int from = i * CHUNK_BYTES;
            inner.put(key(Integer.toString(i)), Arrays.copyOfRange(snapshot, from,
                    Math.min(snapshot.length, from + CHUNK_BYTES)));
        }
        ByteBuffer m = ByteBuffer.allocate(20);
        m.putInt(LEGACY_LAYOUT).putInt(chunks).putInt(snapshot.length).putLong(StoreLayout.crcOf(snapshot));
        inner.put(META, m.array());
        manifest = null;
        written.clear();
    }

    /** Writes one checkpoint now (normally done by {@link #flushCache()} at commit); false if nothing changed. */
    public boolean checkpoint(Checkpointer source) {
        Writer w = new Writer();
        if (!source.write(w)) {
            return false;
        }
        w.finish();
        return true;
    }

    /** A checkpoint in the making: parts compared with the manifest, rows written through. */
    private final class Writer implements PartSink {
        private long bytes;
        private int rows;
        private final int legacyChunks;

        /** Reads the stored meta record once per store instance (and after a layout-1 write). */
        Writer() {
            if (manifest != null) {
                legacyChunks = 0;
                return;
            }
            byte[] meta = inner.get(META);
            int version = meta == null ? 0 : ByteBuffer.wrap(meta).getInt();
            legacyChunks = version == LEGACY_LAYOUT ? ByteBuffer.wrap(meta).getInt(4) : 0;
            manifest = version == LAYOUT_VERSION ? StoreLayout.manifest(name(), meta) : new LinkedHashMap<>();
        }

        @Override
        public void part(String name, byte[] b) {
            StoreLayout.PartInfo old = manifest.get(name);
            byte[] last = written.get(name);
            if (old != null && last != null && Arrays.equals(last, b)) {
                return;
            }
            long crc = StoreLayout.crcOf(b);
            int chunks = Math.max(1, (b.length + CHUNK_BYTES - 1) / CHUNK_BYTES);
            for (int i = 0; i < chunks; i++) {
                int from = i * CHUNK_BYTES;
                // One chunk is the part itself: the store and the changelog producer copy what they keep.
                inner.put(StoreLayout.raw(StoreLayout.PART + name + "/" + i), chunks == 1 ? b : Arrays.copyOfRange(b, from,
                        Math.min(b.length, from + CHUNK_BYTES)));
            }
            for (int i = chunks; old != null && i < old.chunks(); i++) {
                inner.delete(StoreLayout.raw(StoreLayout.PART + name + "/" + i));
            }
            manifest.put(name, new StoreLayout.PartInfo(chunks, b.length, crc));
            if (b.length <= COMPARED_BYTES) {
                written.put(name, b.clone());
            } else {
                written.remove(name);
            }
            bytes += b.length;
        }

        @Override
        public void row(String key, byte[] b) {
            byte[] stored = new byte[Integer.BYTES + b.length];
            ByteBuffer.wrap(stored).putInt((int) StoreLayout.crcOf(b));
            System.arraycopy(b, 0, stored, Integer.BYTES, b.length);
            inner.put(StoreLayout.raw(StoreLayout.ROW + key), stored);
            bytes += stored.length;
            rows++;
        }

        @Override
        public void deleteRow(String key) {
            inner.delete(StoreLayout.raw(StoreLayout.ROW + key));
            rows++;
        }

        void finish() {
            int size = 8;
            for (String name : manifest.keySet()) {
                size += 2 + name.getBytes(StandardCharsets.UTF_8).length + 16;
            }
            ByteBuffer m = ByteBuffer.allocate(size);
            m.putInt(LAYOUT_VERSION).putInt(manifest.size());
            manifest.forEach((name, info) -> {
                byte[] n = name.getBytes(StandardCharsets.UTF_8);
                m.putShort((short) n.length).put(n).putInt(info.chunks()).putInt(info.length()).putLong(info.crc());
            });
            inner.put(META, m.array());
            for (int i = 0; i < legacyChunks; i++) {
                inner.delete(key(Integer.toString(i)));
            }
            writes++;
            lastBytes = bytes;
            lastRows = rows;
        }
    }

    @Override
    public void flushCache() {
        if (checkpointer != null && inner.isOpen()) {
            checkpoint(checkpointer);
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
        checkpointer = null;
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

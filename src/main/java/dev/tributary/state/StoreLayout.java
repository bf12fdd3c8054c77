package dev.tributary.state;

import dev.tributary.util.PartSource;
import org.apache.kafka.common.utils.Bytes;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.zip.CRC32;

/**
 * Reading {@link SnapshotStore}'s layouts back, from the store or from the latest values of its
 * changelog: the manifest, the parts (reassembled from their chunks and checked against their CRC-32),
 * the rows (each checked against its own), and layout 1's single snapshot.
 */
final class StoreLayout {
    static final String ROW = "row/";
    static final String PART = "part/";

    private StoreLayout() {
    }

    static Bytes raw(String key) {
        return Bytes.wrap(key.getBytes(StandardCharsets.UTF_8));
    }

    static long crcOf(byte[] b) {
        CRC32 crc = new CRC32();
        crc.update(b);
        return crc.getValue();
    }

    /** Visits the keys with a prefix, in key order. */
    interface Scan {
        void each(Bytes prefix, BiConsumer<Bytes, byte[]> visitor);
    }

    /** One part as the manifest lists it. */
    record PartInfo(int chunks, int length, long crc) {
    }

    static boolean startsWith(Bytes key, Bytes prefix) {
        byte[] k = key.get();
        byte[] p = prefix.get();
        return k.length >= p.length && Arrays.equals(k, 0, p.length, p, 0, p.length);
    }

    static SnapshotStore.Stored read(String source, Function<Bytes, byte[]> get, Scan scan) {
        byte[] meta = get.apply(SnapshotStore.META);
        if (meta == null) {
            return null;
        }
        int version = ByteBuffer.wrap(meta).getInt();
        if (version == SnapshotStore.LEGACY_LAYOUT) {
            return new SnapshotStore.Stored(assemble(source, get), null);
        }
        if (version != SnapshotStore.LAYOUT_VERSION) {
            throw new IllegalStateException(source + " holds snapshot layout version " + version
                    + ", this build reads " + SnapshotStore.LEGACY_LAYOUT + " and " + SnapshotStore.LAYOUT_VERSION);
        }
        Map<String, PartInfo> parts = manifest(source, meta);
        PartSource partSource = new PartSource() {
            @Override
            public byte[] part(String name) {
                PartInfo info = parts.get(name);
                return info == null ? null : partBytes(source, name, info, get);
            }

            @Override
            public void rows(BiConsumer<String, byte[]> visitor) {
                scan.each(raw(ROW), (k, v) -> {
                    String key = new String(k.get(), StandardCharsets.UTF_8).substring(ROW.length());
                    visitor.accept(key, rowBytes(source, key, v));
                });
            }
        };
        return new SnapshotStore.Stored(null, partSource);
    }

    static Map<String, PartInfo> manifest(String source, byte[] meta) {
        ByteBuffer m = ByteBuffer.wrap(meta);
        m.getInt();
        int n = m.getInt();
        Map<String, PartInfo> parts = new LinkedHashMap<>();
        try {
            for (int i = 0; i < n; i++) {
                byte[] name = new byte[m.getShort()];
                m.get(name);
                parts.put(new String(name, StandardCharsets.UTF_8), new PartInfo(m.getInt(), m.getInt(), m.getLong()));
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException(source + ": the snapshot manifest is truncated", e);
        }
        return parts;
    }

    private static byte[] partBytes(String source, String name, PartInfo info, Function<Bytes, byte[]> get) {
        byte[] out = new byte[info.length()];
        int at = 0;
        for (int i = 0; i < info.chunks(); i++) {
            byte[] c = get.apply(raw(PART + name + "/" + i));
            if (c == null || at + c.length > out.length) {
                throw new IllegalStateException(source + ": chunk " + i + " of " + info.chunks() + " of part '" + name
                        + "' is missing or too long");
            }
            System.arraycopy(c, 0, out, at, c.length);
            at += c.length;
        }
        if (at != out.length || crcOf(out) != info.crc()) {
            throw new IllegalStateException(source + ": part '" + name + "' does not match its checksum");
        }
        return out;
    }

    private static byte[] rowBytes(String source, String key, byte[] stored) {
        if (stored.length < Integer.BYTES) {
            throw new IllegalStateException(source + ": row " + key + " is truncated");
        }
        byte[] bytes = Arrays.copyOfRange(stored, Integer.BYTES, stored.length);
        if ((int) crcOf(bytes) != ByteBuffer.wrap(stored).getInt()) {
            throw new IllegalStateException(source + ": row " + key + " does not match its checksum");
        }
        return bytes;
    }

    /**
     * Reassembles a layout-1 snapshot from its chunks, looked up by key (from the store, or from the
     * latest value per key on the changelog topic); null when there is no meta record.
     */
    static byte[] assemble(String source, Function<Bytes, byte[]> lookup) {
        byte[] meta = lookup.apply(SnapshotStore.META);
        if (meta == null) {
            return null;
        }
        ByteBuffer m = ByteBuffer.wrap(meta);
        m.getInt();
        int chunks = m.getInt();
        int length = m.getInt();
        long crc = m.getLong();
        byte[] out = new byte[length];
        int at = 0;
        for (int i = 0; i < chunks; i++) {
            byte[] c = lookup.apply(SnapshotStore.key(Integer.toString(i)));
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
}

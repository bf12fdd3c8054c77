package dev.tributary.streams;

import dev.tributary.util.ByteArrayDataOutput;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Model records larger than a topic takes, sent in pieces. A record of at most {@link #MAX_BYTES}
 * goes as it is; a larger one as chunks {@code 'C' source:int index:int count:int payload}, written
 * in order by one producer ({@code source}: the replica, or -1 for the aggregator). The receiving
 * side's {@link Assembler} keeps the pieces of each source until the last one arrives; it is part of
 * the receiver's checkpoint, since a commit may fall between two chunks.
 */
final class Chunks {
    /** The largest record sent whole, and the largest chunk's payload: well below the 2 MiB of the model topics. */
    static final int MAX_BYTES = 1024 * 1024;
    private static final byte CHUNK = 'C';
    private static final int HEADER = 13;

    private Chunks() {
    }

    /** The record itself when it fits, else its chunks in order. */
    static List<byte[]> split(byte[] record, int source) {
        return split(record, source, MAX_BYTES);
    }

    static List<byte[]> split(byte[] record, int source, int maxBytes) {
        if (record.length <= maxBytes && (record.length == 0 || record[0] != CHUNK)) {
            return List.of(record);
        }
        int count = (record.length + maxBytes - 1) / maxBytes;
        List<byte[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int from = i * maxBytes;
            int n = Math.min(maxBytes, record.length - from);
            ByteArrayDataOutput b = new ByteArrayDataOutput(HEADER + n);
            b.write(CHUNK);
            b.writeInt(source);
            b.writeInt(i);
            b.writeInt(count);
            b.write(record, from, n);
            out.add(b.toByteArray());
        }
        return out;
    }

    /** Puts chunked records back together, per source. */
    static final class Assembler {
        private final Map<Integer, Partial> partial = new TreeMap<>();

        /**
         * The whole record when {@code record} is one or completes one, else null (more chunks to
         * come). Throws {@link IllegalArgumentException} when a chunk comes out of order.
         */
        byte[] add(byte[] record) {
            if (record == null || record.length == 0 || record[0] != CHUNK) {
                return record;
            }
            if (record.length < HEADER) {
                throw new IllegalArgumentException("a model record chunk of " + record.length + " bytes has no header");
            }
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(record, 1, HEADER - 1));
            int source;
            int index;
            int count;
            try {
                source = in.readInt();
                index = in.readInt();
                count = in.readInt();
            } catch (IOException e) {
                throw new IllegalArgumentException("a model record chunk is truncated", e);
            }
            Partial p = partial.get(source);
            int expected = p == null ? 0 : p.next;
            if (index != expected || count < 1 || index >= count || (p != null && p.count != count)) {
                throw new IllegalArgumentException("chunk " + index + " of " + count + " from source " + source
                        + " out of order: expected chunk " + expected + (p == null ? "" : " of " + p.count));
            }
            if (p == null) {
                p = new Partial(count);
                partial.put(source, p);
            }
            p.bytes.write(record, HEADER, record.length - HEADER);
            p.next++;
            if (p.next < count) {
                return null;
            }
            partial.remove(source);
            return p.bytes.toByteArray();
        }

        /** Bytes held for records not yet complete. */
        long pendingBytes() {
            return partial.values().stream().mapToLong(p -> p.bytes.size()).sum();
        }

        void write(ByteArrayDataOutput out) {
            out.writeInt(partial.size());
            for (Map.Entry<Integer, Partial> e : partial.entrySet()) {
                out.writeInt(e.getKey());
                out.writeInt(e.getValue().next);
                out.writeInt(e.getValue().count);
                byte[] b = e.getValue().bytes.toByteArray();
                out.writeInt(b.length);
                out.write(b);
            }
        }

        void read(DataInputStream in) throws IOException {
            partial.clear();
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                int source = in.readInt();
                int next = in.readInt();
                Partial p = new Partial(in.readInt());
                p.next = next;
                byte[] b = new byte[in.readInt()];
                in.readFully(b);
                p.bytes.write(b);
                partial.put(source, p);
            }
        }

        @Override
        public String toString() {
            return "assembler " + partial.keySet() + " (" + pendingBytes() + " bytes)";
        }
    }

    private static final class Partial {
        final int count;
        int next;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Partial(int count) {
            this.count = count;
        }
    }
}

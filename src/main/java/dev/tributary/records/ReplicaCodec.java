package dev.tributary.records;

import dev.tributary.features.RunningStats;
import dev.tributary.learner.GlobalUpdate;
import dev.tributary.learner.ModelDelta;
import dev.tributary.learner.ParamChange;
import dev.tributary.util.ByteArrayDataOutput;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The binary records replicas and the aggregator exchange ({@code docs/replicas.md}): a replica's
 * {@link ModelDelta} and the aggregator's {@link GlobalUpdate}. Big-endian, floats as IEEE 754 bits,
 * so that a decoded change is bit for bit the encoded one:
 * <pre>
 * delta:  'D' format:int replica:int sequence:long baseVersion:long steps:long examples stats change
 * update: 'U' format:int version:long included:(n:int, long × n) examples stats change
 * wait:   'W' format:int replica:int sequence:long steps:long
 * examples: n:int, long × n          stats: n:int, (count:long mean:double m2:double) × n
 * change:   dense:(n:int, float × n) rows:(n:int, (key:long width:int, float × width) × n)
 * </pre>
 * A wait record says that a replica whose delta {@code sequence} waits to be merged has taken
 * {@code steps} more training steps since it sent it: the aggregator then closes the open round
 * rather than wait for the replicas that have not sent (an idle partition must not stall the rest).
 * A record of another kind, of another format or with bytes left over is refused with a message
 * that says which.
 */
public final class ReplicaCodec {
    /** The format this build writes and reads. */
    public static final int FORMAT = 1;
    private static final byte DELTA = 'D';
    private static final byte UPDATE = 'U';
    private static final byte WAIT = 'W';

    /** What a record on the deltas topic is. */
    public enum Kind { DELTA, WAIT }

    /** A replica's note that its delta {@code sequence} has waited {@code steps} training steps. */
    public record Wait(int replica, long sequence, long steps) {
    }

    private ReplicaCodec() {
    }

    public static byte[] encode(ModelDelta d) {
        ByteArrayDataOutput out = new ByteArrayDataOutput(64 + 4 * d.change().dense().length);
        try {
            out.writeByte(DELTA);
            out.writeInt(FORMAT);
            out.writeInt(d.replica());
            out.writeLong(d.sequence());
            out.writeLong(d.baseVersion());
            out.writeLong(d.steps());
            writeLongs(out, d.examples());
            writeStats(out, d.stats());
            writeChange(out, d.change());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] encode(GlobalUpdate u) {
        ByteArrayDataOutput out = new ByteArrayDataOutput(64 + 4 * u.change().dense().length);
        try {
            out.writeByte(UPDATE);
            out.writeInt(FORMAT);
            out.writeLong(u.version());
            writeLongs(out, u.included());
            writeLongs(out, u.examples());
            writeStats(out, u.stats());
            writeChange(out, u.change());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] encode(Wait w) {
        ByteArrayDataOutput out = new ByteArrayDataOutput(25);
        out.writeByte(WAIT);
        out.writeInt(FORMAT);
        out.writeInt(w.replica());
        out.writeLong(w.sequence());
        out.writeLong(w.steps());
        return out.toByteArray();
    }

    /** The kind of a record on the deltas topic; throws {@link IllegalArgumentException} for anything else. */
    public static Kind kind(byte[] bytes) {
        if (bytes != null && bytes.length > 0 && bytes[0] == DELTA) {
            return Kind.DELTA;
        }
        if (bytes != null && bytes.length > 0 && bytes[0] == WAIT) {
            return Kind.WAIT;
        }
        throw new IllegalArgumentException("not a model delta or wait record: "
                + (bytes == null || bytes.length == 0 ? "no bytes" : "kind byte " + bytes[0]));
    }

    /** Reads a wait record; throws {@link IllegalArgumentException} naming what is wrong with the bytes. */
    public static Wait decodeWait(byte[] bytes) {
        DataInputStream in = open(bytes, WAIT, "wait record");
        try {
            Wait w = new Wait(in.readInt(), in.readLong(), in.readLong());
            requireEnd(in, "wait record");
            return w;
        } catch (IOException e) {
            throw new IllegalArgumentException("wait record is corrupt: " + e.getMessage(), e);
        }
    }

    /** Reads a delta; throws {@link IllegalArgumentException} naming what is wrong with the bytes. */
    public static ModelDelta decodeDelta(byte[] bytes) {
        DataInputStream in = open(bytes, DELTA, "model delta");
        try {
            int replica = in.readInt();
            long sequence = in.readLong();
            long baseVersion = in.readLong();
            long steps = in.readLong();
            long[] examples = readLongs(in);
            RunningStats[] stats = readStats(in);
            ParamChange change = readChange(in);
            requireEnd(in, "model delta");
            return new ModelDelta(replica, sequence, baseVersion, steps, examples, change, stats);
        } catch (IOException e) {
            throw new IllegalArgumentException("model delta is corrupt: " + e.getMessage(), e);
        }
    }

    /** Reads an update; throws {@link IllegalArgumentException} naming what is wrong with the bytes. */
    public static GlobalUpdate decodeUpdate(byte[] bytes) {
        DataInputStream in = open(bytes, UPDATE, "global update");
        try {
            long version = in.readLong();
            long[] included = readLongs(in);
            long[] examples = readLongs(in);
            RunningStats[] stats = readStats(in);
            ParamChange change = readChange(in);
            requireEnd(in, "global update");
            return new GlobalUpdate(version, change, included, examples, stats);
        } catch (IOException e) {
            throw new IllegalArgumentException("global update is corrupt: " + e.getMessage(), e);
        }
    }

    private static void requireEnd(DataInputStream in, String what) throws IOException {
        if (in.available() != 0) {
            throw new IOException(in.available() + " bytes after the end of the " + what);
        }
    }

    private static DataInputStream open(byte[] bytes, byte kind, String what) {
        if (bytes == null || bytes.length < 5) {
            throw new IllegalArgumentException(what + " has " + (bytes == null ? "no" : bytes.length) + " bytes");
        }
        if (bytes[0] != kind) {
            throw new IllegalArgumentException("not a " + what + ": kind byte " + bytes[0]);
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1));
        try {
            int format = in.readInt();
            if (format != FORMAT) {
                throw new IllegalArgumentException(what + " of format " + format + ", this build reads " + FORMAT);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " is truncated", e);
        }
        return in;
    }

    private static void writeLongs(ByteArrayDataOutput out, long[] values) throws IOException {
        out.writeInt(values.length);
        for (long v : values) {
            out.writeLong(v);
        }
    }

    private static long[] readLongs(DataInputStream in) throws IOException {
        long[] values = new long[count(in, 8)];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readLong();
        }
        return values;
    }

    private static void writeStats(ByteArrayDataOutput out, RunningStats[] stats) throws IOException {
        out.writeInt(stats.length);
        for (RunningStats s : stats) {
            s.writeState(out);
        }
    }

    private static RunningStats[] readStats(DataInputStream in) throws IOException {
        RunningStats[] stats = new RunningStats[count(in, 24)];
        for (int i = 0; i < stats.length; i++) {
            stats[i] = new RunningStats();
            stats[i].readState(in);
        }
        return stats;
    }

    private static void writeChange(ByteArrayDataOutput out, ParamChange c) throws IOException {
        out.writeInt(c.dense().length);
        out.writeFloats(c.dense());
        out.writeInt(c.rows());
        for (int i = 0; i < c.rows(); i++) {
            out.writeLong(c.rowKeys()[i]);
            out.writeInt(c.rowValues()[i].length);
            out.writeFloats(c.rowValues()[i]);
        }
    }

    private static ParamChange readChange(DataInputStream in) throws IOException {
        float[] dense = readFloats(in);
        int n = count(in, 12);
        long[] keys = new long[n];
        float[][] values = new float[n][];
        for (int i = 0; i < n; i++) {
            keys[i] = in.readLong();
            values[i] = readFloats(in);
        }
        try {
            return new ParamChange(dense, keys, values);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static float[] readFloats(DataInputStream in) throws IOException {
        float[] v = new float[count(in, 4)];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.readFloat();
        }
        return v;
    }

    /** A length, refused when the bytes left could not hold that many items of {@code size} bytes. */
    private static int count(DataInputStream in, int size) throws IOException {
        int n = in.readInt();
        if (n < 0 || (long) n * size > in.available()) {
            throw new IOException("a length of " + n + " does not fit the " + in.available() + " bytes left");
        }
        return n;
    }
}

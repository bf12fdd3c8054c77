package dev.tributary.optim;

import dev.tributary.util.ByteArrayDataOutput;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Reads and writes flat float buffers in one bulk copy each (big-endian, length-prefixed). */
public final class FlatState {
    private FlatState() {
    }

    public static void write(DataOutput out, float[] a) throws IOException {
        out.writeInt(a.length);
        if (out instanceof ByteArrayDataOutput direct) {
            direct.writeFloats(a);
            return;
        }
        ByteBuffer buf = ByteBuffer.allocate(a.length * Float.BYTES).order(ByteOrder.BIG_ENDIAN);
        buf.asFloatBuffer().put(a);
        out.write(buf.array());
    }

    /** Reads into {@code a}, which must have the length that was written. */
    public static void read(DataInput in, float[] a, String what) throws IOException {
        int n = in.readInt();
        if (n != a.length) {
            throw new IOException(what + " has " + n + " values in the snapshot, expected " + a.length);
        }
        byte[] bytes = new byte[n * Float.BYTES];
        in.readFully(bytes);
        ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN).asFloatBuffer().get(a);
    }

    public static void write(DataOutput out, double[] a) throws IOException {
        out.writeInt(a.length);
        for (double v : a) {
            out.writeDouble(v);
        }
    }

    public static void read(DataInput in, double[] a, String what) throws IOException {
        int n = in.readInt();
        if (n != a.length) {
            throw new IOException(what + " has " + n + " values in the snapshot, expected " + a.length);
        }
        for (int i = 0; i < n; i++) {
            a[i] = in.readDouble();
        }
    }
}

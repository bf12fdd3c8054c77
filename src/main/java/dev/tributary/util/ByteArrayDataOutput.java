package dev.tributary.util;

import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A {@link DataOutput} into a growable byte array: the same bytes as a {@link DataOutputStream}
 * over a {@code ByteArrayOutputStream}, without its per-byte synchronised writes. Snapshots write
 * hundreds of thousands of floats at every commit, which made that difference visible in profiles.
 * Not thread-safe.
 */
public final class ByteArrayDataOutput implements DataOutput {
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle FLOAT = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private byte[] buf;
    private int size;

    public ByteArrayDataOutput(int initialCapacity) {
        if (initialCapacity < 0) {
            throw new IllegalArgumentException("initialCapacity must be >= 0, found " + initialCapacity);
        }
        this.buf = new byte[Math.max(16, initialCapacity)];
    }

    /** Bytes written so far. */
    public int size() {
        return size;
    }

    /** A copy of the bytes written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    /** Writes {@code a} as {@code writeFloat} would, value by value, without a temporary buffer. */
    public void writeFloats(float[] a) {
        ensure(a.length * Float.BYTES);
        for (float v : a) {
            FLOAT.set(buf, size, v);
            size += Float.BYTES;
        }
    }

    /** Forgets what was written, keeping the buffer: an output reused for each snapshot allocates once. */
    public void reset() {
        size = 0;
    }

    /** Overwrites the int at {@code position} (written earlier, e.g. a length placeholder). */
    public void setInt(int position, int v) {
        if (position < 0 || position + Integer.BYTES > size) {
            throw new IndexOutOfBoundsException("int at " + position + " is outside the " + size + " bytes written");
        }
        INT.set(buf, position, v);
    }

    /** CRC-32 of the bytes written from {@code from} to the end. */
    public long crc32(int from) {
        if (from < 0 || from > size) {
            throw new IndexOutOfBoundsException("offset " + from + " is outside the " + size + " bytes written");
        }
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(buf, from, size - from);
        return crc.getValue();
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            long wanted = Math.max((long) buf.length * 2, (long) size + more);
            if (wanted > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("output would exceed 2 GB");
            }
            buf = Arrays.copyOf(buf, (int) wanted);
        }
    }

    @Override
    public void write(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b) {
        write(b, 0, b.length);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    @Override
    public void writeBoolean(boolean v) {
        write(v ? 1 : 0);
    }

    @Override
    public void writeByte(int v) {
        write(v);
    }

    @Override
    public void writeShort(int v) {
        ensure(2);
        SHORT.set(buf, size, (short) v);
        size += 2;
    }

    @Override
    public void writeChar(int v) {
        writeShort(v);
    }

    @Override
    public void writeInt(int v) {
        ensure(4);
        INT.set(buf, size, v);
        size += 4;
    }

    @Override
    public void writeLong(long v) {
        ensure(8);
        LONG.set(buf, size, v);
        size += 8;
    }

    @Override
    public void writeFloat(float v) {
        writeInt(Float.floatToIntBits(v));
    }

    @Override
    public void writeDouble(double v) {
        writeLong(Double.doubleToLongBits(v));
    }

    @Override
    public void writeBytes(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            buf[size++] = (byte) s.charAt(i);
        }
    }

    @Override
    public void writeChars(String s) {
        for (int i = 0; i < s.length(); i++) {
            writeChar(s.charAt(i));
        }
    }

    /** Modified UTF-8 with a length prefix, exactly as {@link DataOutputStream#writeUTF}. */
    @Override
    public void writeUTF(String s) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(s.length() + 2);
        try {
            new DataOutputStream(bytes).writeUTF(s);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a string of " + s.length() + " chars as modified UTF-8", e);
        }
        write(bytes.toByteArray());
    }
}

package dev.tributary.util;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class ByteArrayDataOutputTest {

    /** Writes the same random mix of every DataOutput method to {@code out}. */
    static void writeMix(DataOutput out, long seed) throws IOException {
        Random r = new Random(seed);
        for (int i = 0; i < 5000; i++) {
            switch (r.nextInt(13)) {
                case 0 -> out.write(r.nextInt());
                case 1 -> out.writeBoolean(r.nextBoolean());
                case 2 -> out.writeByte(r.nextInt());
                case 3 -> out.writeShort(r.nextInt());
                case 4 -> out.writeChar(r.nextInt());
                case 5 -> out.writeInt(r.nextInt());
                case 6 -> out.writeLong(r.nextLong());
                case 7 -> out.writeFloat(i % 50 == 0 ? Float.NaN : (float) r.nextGaussian());
                case 8 -> out.writeDouble(i % 50 == 0 ? Double.NEGATIVE_INFINITY : r.nextGaussian());
                case 9 -> out.writeUTF("task-ü-" + r.nextInt(1000) + "\u0000€");
                case 10 -> out.writeBytes("ascii" + r.nextInt(10));
                case 11 -> out.writeChars("ch€" + r.nextInt(10));
                default -> {
                    byte[] b = new byte[r.nextInt(300)];
                    r.nextBytes(b);
                    out.write(b, b.length / 3, b.length - b.length / 3);
                }
            }
        }
    }

    @Test
    void shouldWriteExactlyTheBytesOfADataOutputStream() throws IOException {
        ByteArrayOutputStream reference = new ByteArrayOutputStream();
        DataOutputStream oracle = new DataOutputStream(reference);
        writeMix(oracle, 7);
        oracle.flush();
        ByteArrayDataOutput fast = new ByteArrayDataOutput(0);
        writeMix(fast, 7);
        assertEquals(reference.size(), fast.size());
        assertArrayEquals(reference.toByteArray(), fast.toByteArray());
    }

    @Test
    void shouldRefuseANegativeCapacityAndAStringTooLongForModifiedUtf8() {
        assertThrows(IllegalArgumentException.class, () -> new ByteArrayDataOutput(-1));
        String tooLong = "x".repeat(70_000);
        assertThrows(java.io.UncheckedIOException.class, () -> new ByteArrayDataOutput(8).writeUTF(tooLong));
    }

    @Test
    void shouldWriteFloatsAsTheBulkByteBufferCopyDid() {
        float[] a = new float[1001];
        Random r = new Random(3);
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) r.nextGaussian();
        }
        a[5] = Float.intBitsToFloat(0x7fc0_1234);  // a NaN with a payload: raw bits are kept
        a[6] = Float.NEGATIVE_INFINITY;
        a[7] = -0f;
        java.nio.ByteBuffer expected = java.nio.ByteBuffer.allocate(4 + a.length * 4);
        expected.putInt(42).asFloatBuffer().put(a);
        ByteArrayDataOutput out = new ByteArrayDataOutput(0);
        out.writeInt(42);
        out.writeFloats(a);
        assertArrayEquals(expected.array(), out.toByteArray());
    }

    @Test
    void shouldPatchAnIntAndChecksumATailAndStartAgainAfterReset() {
        ByteArrayDataOutput out = new ByteArrayDataOutput(4);
        out.writeLong(7);
        out.writeInt(0);
        out.write(new byte[]{1, 2, 3, 4, 5});
        out.setInt(8, 0x0102_0304);
        byte[] bytes = out.toByteArray();
        assertEquals(0x0102_0304, java.nio.ByteBuffer.wrap(bytes).getInt(8));
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes, 8, bytes.length - 8);
        assertEquals(crc.getValue(), out.crc32(8));
        assertThrows(IndexOutOfBoundsException.class, () -> out.setInt(bytes.length - 3, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> out.crc32(bytes.length + 1));
        out.reset();
        assertEquals(0, out.size());
        out.writeInt(9);
        assertArrayEquals(new byte[]{0, 0, 0, 9}, out.toByteArray());
    }
}

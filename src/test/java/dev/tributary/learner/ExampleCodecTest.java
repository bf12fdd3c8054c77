package dev.tributary.learner;

import dev.tributary.util.ByteArrayDataOutput;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A buffered example is written in bulk into the snapshot buffer and value by value into any other
 * {@code DataOutput}: both must be the same bytes, and read back to the same example.
 */
class ExampleCodecTest {

    @Test
    void shouldWriteTheSameBytesInBulkAsValueByValueAndReadThemBack() throws IOException {
        Example e = new Example(new float[]{0.5f, -8f, 8f, 0f, -0f, 1e-30f, 3.25f}, new int[]{0, 17, 4095}, 1f);
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(plain);
        Example.codec(0).write(out, e);
        out.flush();
        ByteArrayDataOutput bulk = new ByteArrayDataOutput(8);
        Example.codec(0).write(bulk, e);
        assertArrayEquals(plain.toByteArray(), bulk.toByteArray());
        Example back = Example.codec(0).read(new DataInputStream(new ByteArrayInputStream(bulk.toByteArray())));
        assertArrayEquals(e.numeric(), back.numeric());
        assertArrayEquals(e.categorical(), back.categorical());
        assertEquals(e.target(), back.target());
    }

    @Test
    void shouldCarryTheFingerprintsOfVocabularyFeaturesAfterTheIndices() throws IOException {
        Example e = new Example(new float[]{1f}, new int[]{3, 0}, new long[]{-7L, Long.MAX_VALUE}, 0f);
        ByteArrayDataOutput out = new ByteArrayDataOutput(8);
        Example.codec(2).write(out, e);
        assertEquals(2 + 4 + 2 + 8 + 16 + 4, out.size(), "sizes, one float, two indices, two fingerprints, target");
        Example back = Example.codec(2).read(new DataInputStream(new ByteArrayInputStream(out.toByteArray())));
        assertArrayEquals(e.ids(), back.ids());
        assertArrayEquals(e.categorical(), back.categorical());
        assertEquals(0, Example.codec(0).read(new DataInputStream(new ByteArrayInputStream(
                withoutIds(out.toByteArray())))).ids().length);
    }

    /** The same bytes with the 16 bytes of fingerprints cut out: the format of an example without them. */
    private static byte[] withoutIds(byte[] b) {
        byte[] cut = new byte[b.length - 16];
        System.arraycopy(b, 0, cut, 0, 16);
        System.arraycopy(b, 32, cut, 16, b.length - 32);
        return cut;
    }
}

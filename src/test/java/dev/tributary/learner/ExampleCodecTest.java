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
        Example.CODEC.write(out, e);
        out.flush();
        ByteArrayDataOutput bulk = new ByteArrayDataOutput(8);
        Example.CODEC.write(bulk, e);
        assertArrayEquals(plain.toByteArray(), bulk.toByteArray());
        Example back = Example.CODEC.read(new DataInputStream(new ByteArrayInputStream(bulk.toByteArray())));
        assertArrayEquals(e.numeric(), back.numeric());
        assertArrayEquals(e.categorical(), back.categorical());
        assertEquals(e.target(), back.target());
    }
}

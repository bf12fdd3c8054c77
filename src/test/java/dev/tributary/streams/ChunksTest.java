package dev.tributary.streams;

import dev.tributary.util.ByteArrayDataOutput;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChunksTest {
    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        b[0] = 'D';
        return b;
    }

    @Test
    void shouldSendASmallRecordAsItIs() {
        byte[] r = random(100, 1);
        List<byte[]> out = Chunks.split(r, 3, 64 * 1024);
        assertEquals(1, out.size());
        assertSame(r, out.get(0));
        assertSame(r, new Chunks.Assembler().add(r));
    }

    @Test
    void shouldReassembleInterleavedSourcesAcrossACheckpoint() throws Exception {
        byte[] a = random(10_001, 2);
        byte[] b = random(25_000, 3);
        List<byte[]> ca = Chunks.split(a, 0, 4096);
        List<byte[]> cb = Chunks.split(b, 1, 4096);
        assertEquals(3, ca.size());
        assertEquals(7, cb.size());
        for (byte[] c : ca) {
            assertTrue(c.length <= 4096 + 13, "a chunk is its payload and a 13-byte header");
        }
        Chunks.Assembler asm = new Chunks.Assembler();
        assertNull(asm.add(ca.get(0)));
        assertNull(asm.add(cb.get(0)));
        assertNull(asm.add(ca.get(1)));
        ByteArrayDataOutput saved = new ByteArrayDataOutput(64);
        asm.write(saved);
        Chunks.Assembler restored = new Chunks.Assembler();
        restored.read(new DataInputStream(new ByteArrayInputStream(saved.toByteArray())));
        assertEquals(asm.pendingBytes(), restored.pendingBytes());
        assertArrayEquals(a, restored.add(ca.get(2)));
        byte[] whole = null;
        for (int i = 1; i < cb.size(); i++) {
            whole = restored.add(cb.get(i));
            assertEquals(i == cb.size() - 1, whole != null);
        }
        assertArrayEquals(b, whole);
        assertEquals(0, restored.pendingBytes());
    }

    @Test
    void shouldRefuseAChunkOutOfOrder() {
        List<byte[]> c = Chunks.split(random(10_000, 4), 5, 4096);
        Chunks.Assembler asm = new Chunks.Assembler();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> asm.add(c.get(1)));
        assertEquals("chunk 1 of 3 from source 5 out of order: expected chunk 0", e.getMessage());
    }
}

package dev.tributary.eval;

import dev.tributary.util.Rng;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The histogram's state round-trips exactly in its compact layout, the first layout (int bin and two
 * longs per used bin, as version-3 snapshots hold it) is still read, and the compact one is what it
 * claims: a few bytes per used bin.
 */
class ScoreHistogramTest {

    static ScoreHistogram filled(long seed, int events) {
        ScoreHistogram h = new ScoreHistogram(10_000);
        Rng rng = new Rng(seed);
        for (int i = 0; i < events; i++) {
            boolean positive = rng.nextDouble() < 0.3;
            double z = rng.nextGaussian() + (positive ? 1.5 : -1.5);
            h.add(1 / (1 + Math.exp(-z)), positive);
        }
        h.add(1.0, true);
        h.add(0.0, false);
        return h;
    }

    static byte[] state(ScoreHistogram h) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        h.writeState(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    static ScoreHistogram read(byte[] state) throws IOException {
        ScoreHistogram h = new ScoreHistogram(10_000);
        h.readState(new DataInputStream(new ByteArrayInputStream(state)));
        return h;
    }

    /** The first layout, written as version-3 snapshots did. */
    static byte[] firstLayout(ScoreHistogram h) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(h.bins());
        int used = 0;
        for (int b = 0; b < h.bins(); b++) {
            used += binOf(h, b)[0] + binOf(h, b)[1] > 0 ? 1 : 0;
        }
        out.writeInt(used);
        for (int b = 0; b < h.bins(); b++) {
            long[] c = binOf(h, b);
            if (c[0] + c[1] > 0) {
                out.writeInt(b);
                out.writeLong(c[0]);
                out.writeLong(c[1]);
            }
        }
        return bytes.toByteArray();
    }

    /** Positive and negative count of one bin, read through the state of a one-bin-at-a-time probe. */
    static long[] binOf(ScoreHistogram h, int bin) {
        try {
            java.lang.reflect.Field pos = ScoreHistogram.class.getDeclaredField("pos");
            java.lang.reflect.Field neg = ScoreHistogram.class.getDeclaredField("neg");
            pos.setAccessible(true);
            neg.setAccessible(true);
            return new long[]{((long[]) pos.get(h))[bin], ((long[]) neg.get(h))[bin]};
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void shouldRoundTripExactlyInTheCompactLayoutAtAFewBytesPerBin() throws IOException {
        ScoreHistogram h = filled(1, 200_000);
        byte[] compact = state(h);
        ScoreHistogram back = read(compact);
        assertEquals(h.auc(), back.auc(), 0.0);
        assertEquals(h.errorBound(), back.errorBound(), 0.0);
        assertArrayEquals(compact, state(back));
        byte[] first = firstLayout(h);
        int usedBins = (first.length - 8) / 20;
        assertTrue(usedBins > 1000, "the test fills many bins: " + usedBins);
        assertTrue(compact.length < 12 + 6 * usedBins, compact.length + " bytes for " + usedBins + " bins");
    }

    @Test
    void shouldStillReadTheFirstLayout() throws IOException {
        ScoreHistogram h = filled(2, 50_000);
        ScoreHistogram back = read(firstLayout(h));
        assertEquals(h.auc(), back.auc(), 0.0);
        assertArrayEquals(state(h), state(back));
    }

    @Test
    void shouldRefuseAnotherBinCountAndATruncatedVarint() throws IOException {
        byte[] compact = state(filled(3, 1000));
        ScoreHistogram other = new ScoreHistogram(100);
        IOException e = assertThrows(IOException.class,
                () -> other.readState(new DataInputStream(new ByteArrayInputStream(compact))));
        assertTrue(e.getMessage().contains("10000 bins"), e.getMessage());
        byte[] truncated = java.util.Arrays.copyOf(compact, compact.length - 1);
        assertThrows(IOException.class, () -> read(truncated));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ScoreHistogram.writeVarLong(new DataOutputStream(bytes), Long.MAX_VALUE);
        assertEquals(Long.MAX_VALUE, ScoreHistogram.readVarLong(new DataInputStream(
                new ByteArrayInputStream(bytes.toByteArray()))));
    }
}

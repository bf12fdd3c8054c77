package dev.tributary.records;

import dev.tributary.data.SyntheticStream;
import dev.tributary.event.Event;
import dev.tributary.features.RunningStats;
import dev.tributary.learner.DeltaMerger;
import dev.tributary.learner.GlobalUpdate;
import dev.tributary.learner.Learner;
import dev.tributary.learner.ModelDelta;
import dev.tributary.learner.ParamChange;
import dev.tributary.learner.Replica;
import dev.tributary.spec.SpecLoader;
import dev.tributary.spec.TopologySpec;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A replica's delta and the aggregator's update read back bit for bit; broken bytes are refused by name. */
class ReplicaCodecTest {

    static List<Event> events(TopologySpec spec, int n) {
        SyntheticStream s = new SyntheticStream(spec);
        List<Event> out = new ArrayList<>();
        while (out.size() < n && s.hasNext()) {
            out.add(s.next());
        }
        return out;
    }

    @Test
    void shouldReadBackADeltaAndAnUpdateBitForBit() {
        TopologySpec spec = SpecLoader.load(Path.of("topology/bench-ids.yaml"));
        Replica a = new Replica(new Learner(spec), 0);
        Replica b = new Replica(new Learner(spec), 1);
        List<Event> ev = events(spec, 1200);
        a.learner().process(ev.subList(0, 600));
        b.learner().process(ev.subList(600, 1200));
        ModelDelta d = a.delta();
        assertTrue(d.change().rows() > 50, d.change().rows() + " embedding rows in the delta");
        ModelDelta back = ReplicaCodec.decodeDelta(ReplicaCodec.encode(d));
        assertEquals(d.replica(), back.replica());
        assertEquals(d.sequence(), back.sequence());
        assertEquals(d.baseVersion(), back.baseVersion());
        assertEquals(d.steps(), back.steps());
        assertArrayEquals(d.examples(), back.examples());
        assertChange(d.change(), back.change());
        assertStats(d.stats(), back.stats());

        DeltaMerger m = new DeltaMerger(a.layout(), 2, 0);
        m.add(back);
        m.add(b.delta());
        GlobalUpdate u = m.closeRound();
        GlobalUpdate ub = ReplicaCodec.decodeUpdate(ReplicaCodec.encode(u));
        assertEquals(u.version(), ub.version());
        assertArrayEquals(u.included(), ub.included());
        assertArrayEquals(u.examples(), ub.examples());
        assertChange(u.change(), ub.change());
        assertStats(u.stats(), ub.stats());
    }

    private static void assertChange(ParamChange a, ParamChange b) {
        assertArrayEquals(floatBits(a.dense()), floatBits(b.dense()));
        assertArrayEquals(a.rowKeys(), b.rowKeys());
        for (int i = 0; i < a.rows(); i++) {
            assertArrayEquals(floatBits(a.rowValues()[i]), floatBits(b.rowValues()[i]));
        }
    }

    private static void assertStats(RunningStats[] a, RunningStats[] b) {
        assertEquals(a.length, b.length);
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i].count(), b[i].count());
            assertEquals(Double.doubleToRawLongBits(a[i].mean()), Double.doubleToRawLongBits(b[i].mean()));
            assertEquals(Double.doubleToRawLongBits(a[i].std()), Double.doubleToRawLongBits(b[i].std()));
        }
    }

    private static int[] floatBits(float[] v) {
        int[] bits = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            bits[i] = Float.floatToRawIntBits(v[i]);
        }
        return bits;
    }

    @Test
    void shouldRefuseBytesOfAnotherKindFormatOrLength() {
        ModelDelta d = new ModelDelta(2, 5, 4, 3, new long[]{1, 2}, new ParamChange(new float[]{1f, 2f},
                new long[]{7L}, new float[][]{{3f}}), new RunningStats[]{new RunningStats()});
        byte[] bytes = ReplicaCodec.encode(d);
        assertEquals(5, ReplicaCodec.decodeDelta(bytes).sequence());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReplicaCodec.decodeUpdate(bytes));
        assertTrue(e.getMessage().startsWith("not a global update"), e.getMessage());
        byte[] format = bytes.clone();
        format[4] = 9;
        e = assertThrows(IllegalArgumentException.class, () -> ReplicaCodec.decodeDelta(format));
        assertTrue(e.getMessage().contains("of format 9, this build reads 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ReplicaCodec.decodeDelta(Arrays.copyOf(bytes, bytes.length - 3)));
        assertTrue(e.getMessage().startsWith("model delta is corrupt"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ReplicaCodec.decodeDelta(Arrays.copyOf(bytes, bytes.length + 2)));
        assertTrue(e.getMessage().contains("2 bytes after the end of the model delta"), e.getMessage());
    }

    @Test
    void shouldReadBackAWaitRecordAndTellTheKinds() {
        byte[] w = ReplicaCodec.encode(new ReplicaCodec.Wait(3, 17, 9));
        assertEquals(new ReplicaCodec.Wait(3, 17, 9), ReplicaCodec.decodeWait(w));
        assertEquals(ReplicaCodec.Kind.WAIT, ReplicaCodec.kind(w));
        ModelDelta d = new ModelDelta(0, 0, 0, 1, new long[]{1}, new ParamChange(new float[]{1f}, new long[0],
                new float[0][]), new RunningStats[0]);
        assertEquals(ReplicaCodec.Kind.DELTA, ReplicaCodec.kind(ReplicaCodec.encode(d)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReplicaCodec.kind(
                "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().startsWith("not a model delta or wait record"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ReplicaCodec.decodeWait(Arrays.copyOf(w, w.length + 1)));
        assertTrue(e.getMessage().contains("1 bytes after the end of the wait record"), e.getMessage());
    }
}

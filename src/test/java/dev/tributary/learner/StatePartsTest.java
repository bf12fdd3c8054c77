package dev.tributary.learner;

import dev.tributary.spec.ModelFamily;
import dev.tributary.spec.TopologySpec;
import dev.tributary.util.ByteArrayDataOutput;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Snapshot format 6 is a list of named parts: each is refused by name when it is missing, unknown, or
 * does not read back exactly (snapshots rebuilt here with a valid checksum, so that the parts, not
 * the checksum, are what is checked).
 */
class StatePartsTest {
    static final TopologySpec SPEC = TestSpecs.synthetic(ModelFamily.MMOE);

    static byte[] trained() {
        Learner l = new Learner(SPEC);
        l.process(LearnerTest.events(SPEC, 600));
        return l.snapshot();
    }

    /** The payload's parts by name, in order. */
    static Map<String, byte[]> parts(byte[] snapshot) throws IOException {
        byte[] payload = SnapshotCodec.verify(snapshot, SPEC.fingerprint());
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        Map<String, byte[]> out = new LinkedHashMap<>();
        while (in.available() > 0) {
            String name = in.readUTF();
            byte[] b = new byte[in.readInt()];
            in.readFully(b);
            out.put(name, b);
        }
        return out;
    }

    /** A snapshot of these parts in the current format, with a valid header and checksum. */
    static byte[] snapshot(Map<String, byte[]> parts) throws IOException {
        ByteArrayDataOutput out = new ByteArrayDataOutput(1 << 16);
        out.writeInt(SnapshotCodec.MAGIC);
        out.writeInt(SnapshotCodec.VERSION);
        out.writeUTF(SPEC.fingerprint());
        int lengthAt = out.size();
        out.writeInt(0);
        int start = out.size();
        for (var e : parts.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeInt(e.getValue().length);
            out.write(e.getValue());
        }
        out.setInt(lengthAt, out.size() - start);
        out.writeLong(out.crc32(start));
        return out.toByteArray();
    }

    @Test
    void shouldWriteEveryComponentAsANamedPartAndReadThemBack() throws IOException {
        byte[] snap = trained();
        assertEquals(List.of("parameters", "optimizer", "embedding-row-steps", "loss-weighting", "feature-encoder",
                "target-scalers", "task-sampler", "dropout-rng", "metrics", "counters", "reactions", "monitors"),
                new ArrayList<>(parts(snap).keySet()));
        byte[] rebuilt = snapshot(parts(snap));
        assertEquals(java.util.Arrays.toString(snap), java.util.Arrays.toString(rebuilt), "the framing is as described");
        Learner.restore(SPEC, rebuilt);
    }

    @Test
    void shouldRefuseAMissingAnUnknownOrAnIllFittingPartByName() throws IOException {
        Map<String, byte[]> parts = parts(trained());

        Map<String, byte[]> missing = new LinkedHashMap<>(parts);
        missing.remove("reactions");
        assertMessage(missing, "snapshot has no part 'reactions'");

        Map<String, byte[]> unknown = new LinkedHashMap<>(parts);
        unknown.put("embeddings", new byte[4]);
        assertMessage(unknown, "snapshot has part 'embeddings', which this build does not know");

        Map<String, byte[]> longer = new LinkedHashMap<>(parts);
        longer.put("optimizer", java.util.Arrays.copyOf(parts.get("optimizer"), parts.get("optimizer").length + 8));
        assertMessage(longer, "snapshot part 'optimizer' has 8 unread bytes");

        Map<String, byte[]> shorter = new LinkedHashMap<>(parts);
        shorter.put("task-sampler", java.util.Arrays.copyOf(parts.get("task-sampler"), 10));
        assertMessage(shorter, "snapshot part 'task-sampler' does not fit this learner");
    }

    /** Format 6 had no row counts: such a snapshot loads, every row counted as updated at every step. */
    @Test
    void shouldLoadASnapshotWithoutTheRowCountsOfAnEarlierFormat() throws IOException {
        Map<String, byte[]> parts = parts(trained());
        parts.remove("embedding-row-steps");
        Learner restored = Learner.restore(SPEC, snapshot(parts));
        Learner full = Learner.restore(SPEC, trained());
        assertEquals(full.steps(), restored.steps());
        assertEquals(java.util.Arrays.toString(full.parameters()), java.util.Arrays.toString(restored.parameters()));
    }

    static void assertMessage(Map<String, byte[]> parts, String expected) throws IOException {
        byte[] bytes = snapshot(parts);
        var e = assertThrows(SnapshotException.class, () -> Learner.restore(SPEC, bytes));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}

package dev.tributary.streams;

import dev.tributary.data.SyntheticStream;
import dev.tributary.event.Event;
import dev.tributary.event.EventCodec;
import dev.tributary.learner.Learner;
import dev.tributary.spec.SpecLoader;
import dev.tributary.spec.TopologySpec;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The processor's part of a checkpoint (its head: pending events, their keys, dead-letter counts) is
 * the head of the full state of layout 1, commit after commit, and both decode back to the same
 * pending events (and, for the full state, the same learner).
 */
class ProcessorStateTest {

    @Test
    void shouldWriteTheHeadAsTheFullStateBeginsCommitAfterCommit() throws Exception {
        TopologySpec spec = SpecLoader.load(Path.of("topology/bench-m1.yaml"));
        EventCodec codec = TributaryTopology.codecFor(spec);
        Learner learner = new Learner(spec);
        SyntheticStream stream = new SyntheticStream(spec);
        for (int commit = 0; commit < 4; commit++) {
            List<Event> batch = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                batch.add(stream.next());
            }
            learner.process(batch);
            List<Event> pending = commit % 2 == 0 ? List.of() : batch.subList(0, 7);
            List<byte[]> keys = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                keys.add(i % 3 == 0 ? null : ("key-" + i).getBytes(StandardCharsets.UTF_8));
            }
            Map<String, Long> dead = Map.of("t1", (long) commit);
            byte[] plain = ProcessorState.encode(pending, keys, dead, learner.snapshot(), codec);
            byte[] head = ProcessorState.encodeHead(pending, keys, dead, codec);
            assertArrayEquals(java.util.Arrays.copyOf(plain, head.length), head, "commit " + commit);
            ProcessorState headOnly = ProcessorState.decodeHead(head, codec);
            assertEquals(pending.size(), headOnly.pending().size());
            assertEquals(dead, headOnly.deadLettered());
            assertEquals(0, headOnly.learner().length);
            ProcessorState back = ProcessorState.decode(plain, codec);
            assertEquals(pending.size(), back.pending().size());
            for (int i = 0; i < keys.size(); i++) {
                assertArrayEquals(keys.get(i), back.keys().get(i), "key of pending event " + i);
            }
            assertArrayEquals(learner.snapshot(), back.learner());
            assertArrayEquals(learner.parameters(), Learner.restore(spec, back.learner()).parameters());
        }
    }

    /** Version 2, written before events kept their record keys: the same events, none with a key. */
    @Test
    void shouldReadVersionTwoStateWithoutKeys() throws Exception {
        TopologySpec spec = SpecLoader.load(Path.of("topology/bench-m1.yaml"));
        EventCodec codec = TributaryTopology.codecFor(spec);
        Learner learner = new Learner(spec);
        SyntheticStream stream = new SyntheticStream(spec);
        List<Event> pending = List.of(stream.next(), stream.next(), stream.next());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream v2 = new DataOutputStream(bytes);
        v2.writeInt(2);
        v2.writeInt(pending.size());
        for (Event e : pending) {
            v2.writeUTF(e.task());
            byte[] json = codec.encode(e);
            v2.writeInt(json.length);
            v2.write(json);
        }
        v2.writeInt(1);
        v2.writeUTF("t1");
        v2.writeLong(5);
        v2.write(learner.snapshot());
        ProcessorState back = ProcessorState.decode(bytes.toByteArray(), codec);
        assertEquals(pending.size(), back.pending().size());
        for (int i = 0; i < pending.size(); i++) {
            assertEquals(pending.get(i).id(), back.pending().get(i).id());
            assertNull(back.keys().get(i));
        }
        assertEquals(Map.of("t1", 5L), back.deadLettered());
        assertArrayEquals(learner.snapshot(), back.learner());
    }
}

package dev.tributary.streams;

import dev.tributary.data.SyntheticStream;
import dev.tributary.event.Event;
import dev.tributary.event.EventCodec;
import dev.tributary.learner.Learner;
import dev.tributary.spec.SpecLoader;
import dev.tributary.spec.TopologySpec;
import dev.tributary.util.ByteArrayDataOutput;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The commit path writes the processor state into one reused buffer with the learner's snapshot
 * written straight into it; the bytes must be exactly those of the plain path (snapshot bytes, then
 * copied in), commit after commit, and must decode back to the same pending events and learner.
 */
class ProcessorStateTest {

    @Test
    void shouldWriteTheSameBytesThroughTheReusedBufferCommitAfterCommit() throws Exception {
        TopologySpec spec = SpecLoader.load(Path.of("topology/bench-m1.yaml"));
        EventCodec codec = TributaryTopology.codecFor(spec);
        Learner learner = new Learner(spec);
        SyntheticStream stream = new SyntheticStream(spec);
        ByteArrayDataOutput reused = new ByteArrayDataOutput(16);
        for (int commit = 0; commit < 4; commit++) {
            List<Event> batch = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                batch.add(stream.next());
            }
            learner.process(batch);
            List<Event> pending = commit % 2 == 0 ? List.of() : batch.subList(0, 7);
            Map<String, Long> dead = Map.of("t1", (long) commit);
            byte[] plain = ProcessorState.encode(pending, dead, learner.snapshot(), codec);
            byte[] direct = ProcessorState.encode(pending, dead, learner, codec, reused);
            assertArrayEquals(plain, direct, "commit " + commit);
            ProcessorState back = ProcessorState.decode(direct, codec);
            assertEquals(pending.size(), back.pending().size());
            assertArrayEquals(learner.snapshot(), back.learner());
            assertArrayEquals(learner.parameters(), Learner.restore(spec, back.learner()).parameters());
        }
    }
}

package dev.tributary.sampling;

import dev.tributary.spec.SamplerSpec;
import dev.tributary.spec.SamplerType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.tributary.sampling.SamplerRuns.INT_CODEC;
import static dev.tributary.sampling.SamplerRuns.TASKS;
import static dev.tributary.sampling.SamplerRuns.sampler;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Snapshot -> restore mid-stream continues bit-identically; bad snapshots are refused whole. */
class TaskSamplerStateTest {
    private static final double[] RATES = {0.7, 0.2, 0.1};
    private static final double[] LOSSES = {0.3, 0.9, 0.6};

    private static SamplerSpec spec(SamplerType type) {
        return new SamplerSpec(type, Map.of("c", 3.0), 1.5, 64, 16, 200);
    }

    private static byte[] snapshot(TaskSampler<Integer> sampler) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        sampler.writeState(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    private static void restore(TaskSampler<Integer> sampler, byte[] state) throws IOException {
        sampler.readState(new DataInputStream(new ByteArrayInputStream(state)));
    }

    @ParameterizedTest
    @EnumSource(SamplerType.class)
    void shouldContinueIdenticallyAfterRestoreMidStream(SamplerType type) throws IOException {
        TaskSampler<Integer> original = sampler(spec(type), 21);
        SamplerRuns.Stream before = new SamplerRuns.Stream(original, RATES, 24, 4, LOSSES);
        before.run(5_003); // ends between batches, with examples pending
        byte[] state = snapshot(original);

        TaskSampler<Integer> restored = sampler(spec(type), 999); // a different seed: all of it is state
        restore(restored, state);
        assertEquals(original.counters(), restored.counters());
        assertEquals(original.pending(), restored.pending());
        assertArrayEquals(original.probabilities(), restored.probabilities());

        List<Long> expected = new SamplerRuns.Stream(original, RATES, 24, 5, LOSSES).run(5_000);
        List<Long> actual = new SamplerRuns.Stream(restored, RATES, 24, 5, LOSSES).run(5_000);
        assertTrue(expected.size() > 4_000);
        assertEquals(expected, actual);
        assertEquals(original.counters(), restored.counters());
        assertArrayEquals(snapshot(original), snapshot(restored));
    }

    @Test
    void shouldRefuseASnapshotOfOtherTasks() throws IOException {
        SamplerSpec uniform = new SamplerSpec(SamplerType.UNIFORM, Map.of(), 1.0, 64, 16, 200);
        TaskSampler<Integer> two = new TaskSampler<>(uniform, List.of("a", "b"), 1, INT_CODEC);
        two.offer(0, 1);
        byte[] state = snapshot(two);
        IOException e = assertThrows(IOException.class, () -> restore(sampler(uniform, 1), state));
        assertEquals("sampler snapshot is of tasks [a, b], this sampler's are " + TASKS, e.getMessage());
    }

    @Test
    void shouldRefuseAnUnknownFormatVersion() throws IOException {
        byte[] state = snapshot(sampler(spec(SamplerType.UNIFORM), 1));
        state[3] = 7;
        IOException e = assertThrows(IOException.class, () -> restore(sampler(spec(SamplerType.UNIFORM), 1), state));
        assertEquals("sampler snapshot has format version 7; this build reads 1", e.getMessage());
    }

    @Test
    void shouldRefuseABufferLargerThanTheCapacityItIsRestoredInto() throws IOException {
        TaskSampler<Integer> large = sampler(spec(SamplerType.UNIFORM), 1);
        for (int i = 0; i < 40; i++) {
            large.offer(0, i);
        }
        SamplerSpec small = new SamplerSpec(SamplerType.UNIFORM, Map.of(), 1.0, 32, 16, 200);
        byte[] state = snapshot(large);
        IOException e = assertThrows(IOException.class, () -> restore(sampler(small, 1), state));
        assertEquals("snapshot buffer of task 'a' holds 40 examples, bufferCapacity is 32", e.getMessage());
    }

    @Test
    void shouldLeaveTheSamplerUnchangedWhenASnapshotIsTruncated() throws IOException {
        TaskSampler<Integer> source = sampler(spec(SamplerType.ADAPTIVE), 1);
        new SamplerRuns.Stream(source, RATES, 16, 4, LOSSES).run(1_000);
        byte[] truncated = Arrays.copyOf(snapshot(source), 300);

        TaskSampler<Integer> target = sampler(spec(SamplerType.ADAPTIVE), 2);
        new SamplerRuns.Stream(target, RATES, 16, 8, LOSSES).run(500);
        byte[] targetBefore = snapshot(target);
        assertThrows(EOFException.class, () -> restore(target, truncated));
        assertArrayEquals(targetBefore, snapshot(target));
    }
}

package dev.tributary.sampling;

import dev.tributary.spec.SamplerSpec;
import dev.tributary.spec.SamplerType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.tributary.sampling.SamplerRuns.sampler;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How one batch is filled: FIFO, subsampling, replay, redraws, the fresh-example rule, determinism. */
class TaskSamplerBatchTest {
    private final List<Integer> out = new ArrayList<>();
    private final int[] tasks = new int[64];

    private static SamplerSpec spec(SamplerType type, Map<String, Double> weights, int buffer, int reservoir) {
        return new SamplerSpec(type, weights, 1.0, buffer, reservoir, 100);
    }

    @Test
    void shouldSubsampleTheOldestAndTrainTheRestInArrivalOrder() {
        TaskSampler<Integer> sampler = sampler(spec(SamplerType.UNIFORM, Map.of(), 3, 0), 1);
        for (int i = 1; i <= 5; i++) {
            sampler.offer(1, i);
        }
        assertEquals(3, sampler.buffered());
        assertEquals(2, sampler.counters(1).subsampled());
        assertEquals(3, sampler.nextBatch(3, out, tasks));
        assertEquals(List.of(3, 4, 5), out);
        assertArrayEquals(new int[] {1, 1, 1}, java.util.Arrays.copyOf(tasks, 3));
        assertEquals(new TaskCounters("b", 5, 3, 0, 2, 0, 0), sampler.counters(1));
    }

    @Test
    void shouldFormNoBatchWithoutAFreshExampleEvenWhenTheReservoirCouldReplay() {
        TaskSampler<Integer> sampler = sampler(spec(SamplerType.UNIFORM, Map.of(), 8, 8), 1);
        for (int i = 0; i < 4; i++) {
            sampler.offer(0, i);
        }
        assertEquals(4, sampler.nextBatch(4, out, tasks));
        assertEquals(0, sampler.pending());
        List<TaskCounters> before = sampler.counters();
        assertEquals(0, sampler.nextBatch(4, out, tasks));
        assertTrue(out.isEmpty());
        assertEquals(before, sampler.counters());
    }

    @Test
    void shouldPutAFreshExampleInEveryBatchEvenWhenTheWeightsFavourReplay() {
        TaskSampler<Integer> sampler = sampler(spec(SamplerType.STATIC, Map.of("a", 1e9), 64, 64), 1);
        for (int i = 0; i < 32; i++) {
            sampler.offer(0, i);
        }
        assertEquals(32, sampler.nextBatch(32, out, tasks)); // drains a's buffer
        sampler.offer(1, 1000);
        assertEquals(8, sampler.nextBatch(8, out, tasks));
        assertEquals(1000, out.get(7), "the last slot takes b's fresh example");
        assertEquals(1, tasks[7]);
        assertEquals(7, sampler.counters(0).replayed());
        assertEquals(1, sampler.counters(1).trained());
    }

    @Test
    void shouldRedrawSlotsOfTasksWithNothingToGive() {
        TaskSampler<Integer> sampler = sampler(spec(SamplerType.UNIFORM, Map.of(), 64, 0), 1);
        sampler.offer(0, -1);
        assertEquals(1, sampler.nextBatch(1, out, tasks));
        for (int i = 0; i < 40; i++) {
            sampler.offer(1, i);
        }
        assertEquals(32, sampler.nextBatch(32, out, tasks), "task a has no buffer and no reservoir");
        for (int s = 0; s < 32; s++) {
            assertEquals(1, tasks[s]);
        }
        assertEquals(new TaskCounters("b", 40, 32, 0, 0, 8, 0), sampler.counters(1));
    }

    @Test
    void shouldReturnAShortBatchOnlyWhenEveryTaskRunsDry() {
        TaskSampler<Integer> sampler = sampler(spec(SamplerType.UNIFORM, Map.of(), 64, 0), 1);
        for (int i = 0; i < 5; i++) {
            sampler.offer(i % 3, i);
        }
        assertEquals(5, sampler.nextBatch(32, out, tasks));
        assertEquals(5, out.size());
        assertEquals(0, sampler.buffered());
    }

    @Test
    void shouldAccountPendingArrivalsBatchByBatch() {
        TaskSampler<Integer> sampler = sampler(spec(SamplerType.UNIFORM, Map.of(), 64, 16), 1);
        for (int i = 0; i < 10; i++) {
            sampler.offer(0, i);
        }
        assertEquals(10, sampler.pending());
        assertEquals(4, sampler.nextBatch(4, out, tasks));
        assertEquals(6, sampler.pending());
        assertEquals(6, sampler.nextBatch(6, out, tasks));
        assertEquals(0, sampler.pending());
        sampler.offer(0, 10);
        assertEquals(8, sampler.nextBatch(8, out, tasks), "one fresh, seven replayed");
        assertEquals(0, sampler.pending(), "never below zero");
        assertEquals(7, sampler.counters(0).replayed());
    }

    @Test
    void shouldFormIdenticalBatchesFromTheSameSeedAndDifferentOnesFromAnother() {
        SamplerSpec spec = SamplerRuns.spec(SamplerType.UNIFORM, Map.of(), 1.0);
        double[] rates = {0.8, 0.1, 0.1};
        List<Long> first = new SamplerRuns.Stream(sampler(spec, 9), rates, 32, 3, null).run(20_000);
        List<Long> again = new SamplerRuns.Stream(sampler(spec, 9), rates, 32, 3, null).run(20_000);
        List<Long> other = new SamplerRuns.Stream(sampler(spec, 10), rates, 32, 3, null).run(20_000);
        assertEquals(first, again);
        assertNotEquals(first, other);
    }
}

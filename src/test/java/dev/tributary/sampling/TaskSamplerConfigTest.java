package dev.tributary.sampling;

import dev.tributary.spec.SamplerSpec;
import dev.tributary.spec.SamplerType;
import dev.tributary.spec.TaskKind;
import dev.tributary.spec.TaskSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.tributary.sampling.SamplerRuns.INT_CODEC;
import static dev.tributary.sampling.SamplerRuns.TASKS;
import static dev.tributary.sampling.SamplerRuns.sampler;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Bad configuration and bad calls are refused with a message naming the value. */
class TaskSamplerConfigTest {
    private static String refusal(SamplerSpec spec, List<String> tasks) {
        return assertThrows(IllegalArgumentException.class, () -> new TaskSampler<>(spec, tasks, 1, INT_CODEC))
                .getMessage();
    }

    private static SamplerSpec spec(SamplerType type, Map<String, Double> weights, double temperature,
                                    int buffer, int reservoir, int window) {
        return new SamplerSpec(type, weights, temperature, buffer, reservoir, window);
    }

    @Test
    void shouldRefuseNonPositiveBufferCapacity() {
        assertEquals("sampler bufferCapacity must be positive, found 0",
                refusal(spec(SamplerType.UNIFORM, Map.of(), 1, 0, 8, 10), TASKS));
    }

    @Test
    void shouldRefuseNegativeReservoirCapacity() {
        assertEquals("sampler reservoirCapacity must be 0 (no replay) or positive, found -1",
                refusal(spec(SamplerType.UNIFORM, Map.of(), 1, 8, -1, 10), TASKS));
    }

    @Test
    void shouldRefuseNonPositiveWindowWhereItIsUsed() {
        assertEquals("sampler window must be positive for the PROPORTIONAL sampler, found 0",
                refusal(spec(SamplerType.PROPORTIONAL, Map.of(), 1, 8, 8, 0), TASKS));
        new TaskSampler<>(spec(SamplerType.UNIFORM, Map.of(), 1, 8, 8, 0), TASKS, 1, INT_CODEC); // unused: fine
    }

    @Test
    void shouldRefuseNonPositiveOrNonFiniteTemperatureWhereItIsUsed() {
        assertEquals("sampler temperature must be positive and finite for the TEMPERATURE sampler, found 0.0",
                refusal(spec(SamplerType.TEMPERATURE, Map.of(), 0, 8, 8, 10), TASKS));
        assertEquals("sampler temperature must be positive and finite for the ADAPTIVE sampler, found NaN",
                refusal(spec(SamplerType.ADAPTIVE, Map.of(), Double.NaN, 8, 8, 10), TASKS));
    }

    @Test
    void shouldRefuseWeightsOfUnknownTasksOrNonPositiveWeights() {
        assertEquals("sampler weights name unknown task 'main'; the tasks are [a, b, c]",
                refusal(spec(SamplerType.STATIC, Map.of("main", 2.0), 1, 8, 8, 10), TASKS));
        assertEquals("sampler weight of task 'b' must be positive and finite, found -1.0",
                refusal(spec(SamplerType.STATIC, Map.of("b", -1.0), 1, 8, 8, 10), TASKS));
        assertEquals("sampler weight of task 'b' must be positive and finite, found Infinity",
                refusal(spec(SamplerType.STATIC, Map.of("b", Double.POSITIVE_INFINITY), 1, 8, 8, 10), TASKS));
    }

    @Test
    void shouldRefuseMissingOrDuplicateTasks() {
        SamplerSpec ok = spec(SamplerType.UNIFORM, Map.of(), 1, 8, 8, 10);
        assertEquals("sampler needs at least one task, found none", refusal(ok, List.of()));
        assertEquals("sampler task names must be unique, found [a, b, a]", refusal(ok, List.of("a", "b", "a")));
    }

    @Test
    void shouldTakeTaskNamesFromTaskSpecsInOrder() {
        List<TaskSpec> tasks = List.of(new TaskSpec("income", TaskKind.BINARY, List.of(), "income.events", false),
                new TaskSpec("married", TaskKind.BINARY, List.of(), "married.events", false));
        TaskSampler<Integer> sampler = TaskSampler.forTasks(spec(SamplerType.STATIC, Map.of("married", 2.0), 1, 8,
                8, 10), tasks, 1, INT_CODEC);
        assertEquals(List.of("income", "married"), sampler.taskNames());
    }

    @Test
    void shouldRefuseBadCalls() {
        TaskSampler<Integer> sampler = sampler(spec(SamplerType.UNIFORM, Map.of(), 1, 8, 8, 10), 1);
        assertEquals("task must be in [0, 3), found 3",
                assertThrows(IndexOutOfBoundsException.class, () -> sampler.offer(3, 1)).getMessage());
        assertEquals("example", assertThrows(NullPointerException.class, () -> sampler.offer(0, null)).getMessage());
        List<Integer> out = new ArrayList<>();
        assertEquals("batch size must be positive, found 0", assertThrows(IllegalArgumentException.class,
                () -> sampler.nextBatch(0, out, new int[4])).getMessage());
        assertEquals("outTasks has room for 4 tasks, batch size is 8", assertThrows(IllegalArgumentException.class,
                () -> sampler.nextBatch(8, out, new int[4])).getMessage());
        assertEquals("loss of task 'b' must be finite, found NaN", assertThrows(IllegalArgumentException.class,
                () -> sampler.reportLoss(1, Double.NaN)).getMessage());
    }
}

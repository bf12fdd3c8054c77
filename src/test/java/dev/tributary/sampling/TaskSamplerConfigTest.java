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

    /** The spec's own values are checked by SamplerSpec ({@code SpecRecordChecksTest}); the task names here. */
    @Test
    void shouldRefuseWeightsOfUnknownTasks() {
        assertEquals("sampler weights name unknown task 'main'; the tasks are [a, b, c]",
                refusal(spec(SamplerType.STATIC, Map.of("main", 2.0), 1, 8, 8, 10), TASKS));
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

package dev.tributary.sampling;

import dev.tributary.spec.SamplerSpec;
import dev.tributary.spec.SamplerType;
import dev.tributary.util.Rng;
import dev.tributary.util.StatefulContract;
import org.junit.jupiter.api.Nested;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@link StatefulContract} for the task sampler under every sampler type: buffers, reservoirs, loss
 * windows and its random generator, on three tasks whose rates differ 20 : 4 : 1.
 */
class TaskSamplerStateContractTest {
    abstract static class SamplerContract implements StatefulContract<TaskSampler<Integer>> {
        abstract SamplerType type();

        @Override
        public TaskSampler<Integer> create() {
            return new TaskSampler<>(new SamplerSpec(type(), Map.of("a", 2.0, "b", 1.0, "c", 1.0), 2.0, 64, 32, 50),
                    SamplerRuns.TASKS, 5, SamplerRuns.INT_CODEC);
        }

        @Override
        public void feed(TaskSampler<Integer> s, Rng rng, int steps) {
            List<Integer> drawn = new ArrayList<>();
            int[] tasks = new int[8];
            for (int n = 0; n < steps; n++) {
                double u = rng.nextDouble();
                int task = u < 20 / 25.0 ? 0 : u < 24 / 25.0 ? 1 : 2;
                s.offer(task, rng.nextInt(1_000_000));
                if (n % 8 == 7) {
                    drawn.clear();
                    int rows = s.nextBatch(8, drawn, tasks);
                    for (int r = 0; r < rows; r++) {
                        s.reportLoss(tasks[r], 0.1 + rng.nextDouble() * (tasks[r] + 1));
                    }
                }
            }
        }

        @Override
        public Object observe(TaskSampler<Integer> s) {
            List<Integer> next = new ArrayList<>();
            int[] tasks = new int[8];
            // What the next batch would be, drawn from a copy so that observing changes nothing.
            TaskSampler<Integer> probe = create();
            StatefulContract.restore(probe, StatefulContract.stateOf(s));
            int rows = probe.nextBatch(8, next, tasks);
            return List.of(Arrays.toString(s.probabilities()), s.counters().toString(), next,
                    Arrays.toString(Arrays.copyOf(tasks, rows)));
        }
    }

    @Nested
    class Uniform extends SamplerContract {
        @Override
        SamplerType type() {
            return SamplerType.UNIFORM;
        }
    }

    @Nested
    class Proportional extends SamplerContract {
        @Override
        SamplerType type() {
            return SamplerType.PROPORTIONAL;
        }
    }

    @Nested
    class Static extends SamplerContract {
        @Override
        SamplerType type() {
            return SamplerType.STATIC;
        }
    }

    @Nested
    class Temperature extends SamplerContract {
        @Override
        SamplerType type() {
            return SamplerType.TEMPERATURE;
        }
    }

    @Nested
    class Adaptive extends SamplerContract {
        @Override
        SamplerType type() {
            return SamplerType.ADAPTIVE;
        }
    }
}

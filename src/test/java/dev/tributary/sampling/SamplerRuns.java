package dev.tributary.sampling;

import dev.tributary.spec.SamplerSpec;
import dev.tributary.spec.SamplerType;
import dev.tributary.util.Rng;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Seeded multi-task streams driven through a {@link TaskSampler}, shared by the sampler tests. */
final class SamplerRuns {
    static final List<String> TASKS = List.of("a", "b", "c");

    static final ExampleCodec<Integer> INT_CODEC = new ExampleCodec<>() {
        @Override
        public void write(DataOutput out, Integer example) throws IOException {
            out.writeInt(example);
        }

        @Override
        public Integer read(DataInput in) throws IOException {
            return in.readInt();
        }
    };

    private SamplerRuns() {
    }

    static SamplerSpec spec(SamplerType type, Map<String, Double> weights, double temperature) {
        return new SamplerSpec(type, weights, temperature, 256, 64, 1000);
    }

    static TaskSampler<Integer> sampler(SamplerSpec spec, long seed) {
        return new TaskSampler<>(spec, TASKS, seed, INT_CODEC);
    }

    /**
     * Drives a sampler with a stream whose arrivals pick tasks with the given rates, forming a batch of
     * {@code batch} after every {@code batch} arrivals. The example is its arrival index. When
     * {@code losses} is given, each batch slot reports its task's loss.
     */
    static final class Stream {
        final TaskSampler<Integer> sampler;
        final long[] slots;
        private final double[] rates;
        private final double[] losses;
        private final Rng arrivals;
        private final int batch;
        private final List<Integer> out = new ArrayList<>();
        private final int[] outTasks;
        private int next;

        Stream(TaskSampler<Integer> sampler, double[] rates, int batch, long streamSeed, double[] losses) {
            this.sampler = sampler;
            this.rates = rates;
            this.batch = batch;
            this.losses = losses;
            this.arrivals = new Rng(streamSeed);
            this.slots = new long[rates.length];
            this.outTasks = new int[batch];
        }

        /** Runs {@code count} arrivals; returns every batch formed, flattened as (task, example) pairs. */
        List<Long> run(int count) {
            List<Long> trace = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                sampler.offer(drawTask(), next++);
                if (sampler.pending() >= batch) {
                    int n = sampler.nextBatch(batch, out, outTasks);
                    for (int s = 0; s < n; s++) {
                        slots[outTasks[s]]++;
                        trace.add(((long) outTasks[s] << 32) | out.get(s));
                        if (losses != null) {
                            sampler.reportLoss(outTasks[s], losses[outTasks[s]]);
                        }
                    }
                }
            }
            return trace;
        }

        private int drawTask() {
            double u = arrivals.nextDouble();
            for (int t = 0; t < rates.length - 1; t++) {
                u -= rates[t];
                if (u < 0) {
                    return t;
                }
            }
            return rates.length - 1;
        }

        double[] shares() {
            long total = 0;
            for (long s : slots) {
                total += s;
            }
            double[] result = new double[slots.length];
            for (int t = 0; t < slots.length; t++) {
                result[t] = (double) slots[t] / total;
            }
            return result;
        }
    }
}

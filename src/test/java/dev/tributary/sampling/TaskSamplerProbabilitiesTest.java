package dev.tributary.sampling;

import dev.tributary.spec.SamplerSpec;
import dev.tributary.spec.SamplerType;
import dev.tributary.util.Rng;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.tributary.sampling.SamplerRuns.sampler;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link TaskSampler#probabilities()} of every type against brute-force closed forms. */
class TaskSamplerProbabilitiesTest {
    private static final int WINDOW = 50;

    private static SamplerSpec spec(SamplerType type, double temperature) {
        return new SamplerSpec(type, Map.of(), temperature, 16, 4, WINDOW);
    }

    /** Offers a seeded sequence of arrivals and returns the brute-force moving counts sum_k d^(t - t_k). */
    private static double[] offerAndCount(TaskSampler<Integer> sampler, int arrivals) {
        Rng rng = new Rng(11);
        int[] tasks = new int[arrivals];
        for (int i = 0; i < arrivals; i++) {
            tasks[i] = rng.nextDouble() < 0.6 ? 0 : rng.nextDouble() < 0.5 ? 1 : 2;
            sampler.offer(tasks[i], i);
        }
        double decay = 1.0 - 1.0 / WINDOW;
        double[] counts = new double[3];
        for (int i = 0; i < arrivals; i++) {
            counts[tasks[i]] += Math.pow(decay, arrivals - 1 - i);
        }
        return counts;
    }

    private static double[] normalise(double[] weights) {
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        double[] result = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            result[i] = weights[i] / sum;
        }
        return result;
    }

    @Test
    void shouldBeZeroEverywhereBeforeAnyExample() {
        for (SamplerType type : SamplerType.values()) {
            assertArrayEquals(new double[3], sampler(spec(type, 1.0), 1).probabilities(), type.name());
        }
    }

    @Test
    void shouldGiveTasksWithoutDataZeroAndRenormaliseTheRest() {
        TaskSampler<Integer> uniform = sampler(spec(SamplerType.UNIFORM, 1.0), 1);
        uniform.offer(0, 1);
        uniform.offer(2, 2);
        assertArrayEquals(new double[] {0.5, 0, 0.5}, uniform.probabilities());

        TaskSampler<Integer> weighted = sampler(new SamplerSpec(SamplerType.STATIC, Map.of("b", 3.0, "c", 5.0),
                1.0, 16, 4, WINDOW), 1);
        weighted.offer(0, 1);
        weighted.offer(1, 2);
        assertArrayEquals(new double[] {0.25, 0.75, 0}, weighted.probabilities(), 1e-15);
    }

    @Test
    void shouldWeighTasksByExponentialMovingArrivalCountsUnderProportionalSampling() {
        TaskSampler<Integer> sampler = sampler(spec(SamplerType.PROPORTIONAL, 1.0), 1);
        double[] counts = offerAndCount(sampler, 700);
        assertArrayEquals(normalise(counts), sampler.probabilities(), 1e-12);
    }

    @Test
    void shouldWeighTasksByMovingCountsToTheInverseTemperature() {
        double tau = 3.0;
        TaskSampler<Integer> sampler = sampler(spec(SamplerType.TEMPERATURE, tau), 1);
        double[] counts = offerAndCount(sampler, 700);
        double[] expected = new double[3];
        for (int i = 0; i < 3; i++) {
            expected[i] = Math.pow(counts[i], 1 / tau);
        }
        assertArrayEquals(normalise(expected), sampler.probabilities(), 1e-12);
    }

    @Test
    void shouldNotOverflowAtLowTemperature() {
        TaskSampler<Integer> sampler = sampler(spec(SamplerType.TEMPERATURE, 0.001), 1);
        double[] counts = offerAndCount(sampler, 700);
        double[] p = sampler.probabilities();
        int largest = counts[0] > counts[1] ? (counts[0] > counts[2] ? 0 : 2) : (counts[1] > counts[2] ? 1 : 2);
        assertEquals(1.0, p[largest], 1e-12, "τ -> 0 puts everything on the busiest task");
    }

    @Test
    void shouldSoftmaxMovingAverageLossesOverTemperatureUnderAdaptiveSampling() {
        double tau = 0.7;
        TaskSampler<Integer> sampler = sampler(spec(SamplerType.ADAPTIVE, tau), 1);
        for (int t = 0; t < 3; t++) {
            sampler.offer(t, t);
        }
        assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, sampler.probabilities(), 1e-15,
                "no loss reported yet: all tasks take the same (mean) loss");

        Rng rng = new Rng(5);
        double[] average = new double[3];
        boolean[] reported = new boolean[3];
        for (int i = 0; i < 200; i++) {
            int task = rng.nextInt(2); // task c never reports a loss
            double loss = 1.0 + task + rng.nextGaussian() * 0.3;
            sampler.reportLoss(task, loss);
            average[task] = reported[task] ? average[task] + (loss - average[task]) / WINDOW : loss;
            reported[task] = true;
        }
        average[2] = (average[0] + average[1]) / 2; // the mean of the tasks that have one
        double[] expected = new double[3];
        for (int i = 0; i < 3; i++) {
            expected[i] = Math.exp(average[i] / tau);
        }
        double[] p = sampler.probabilities();
        assertArrayEquals(normalise(expected), p, 1e-12);
        assertTrue(p[1] > p[2] && p[2] > p[0], "higher loss, higher probability");
    }

    @Test
    void shouldNotOverflowOnHugeLossesAndIgnoreTasksWithoutData() {
        TaskSampler<Integer> sampler = sampler(spec(SamplerType.ADAPTIVE, 0.01), 1);
        sampler.offer(0, 0);
        sampler.offer(1, 1);
        sampler.reportLoss(0, 1e4);
        sampler.reportLoss(1, 1e4 - 0.01);
        sampler.reportLoss(2, 1e6); // no data: still probability 0
        double e = Math.exp(-1.0);
        assertArrayEquals(new double[] {1 / (1 + e), e / (1 + e), 0}, sampler.probabilities(), 1e-12);
    }
}

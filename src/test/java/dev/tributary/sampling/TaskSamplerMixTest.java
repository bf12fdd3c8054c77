package dev.tributary.sampling;

import dev.tributary.spec.SamplerSpec;
import dev.tributary.spec.SamplerType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.tributary.sampling.SamplerRuns.sampler;
import static dev.tributary.sampling.SamplerRuns.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Long-run task mix of every sampler type on a stream of 100k arrivals at rates 8:1:1, one batch of 32
 * per 32 arrivals, against each type's closed form.
 */
class TaskSamplerMixTest {
    private static final double[] RATES = {0.8, 0.1, 0.1};
    private static final int ARRIVALS = 100_000;
    private static final int BATCH = 32;
    private static final double TOLERANCE = 0.01;

    private static SamplerRuns.Stream run(SamplerSpec spec, double[] losses) {
        SamplerRuns.Stream stream = new SamplerRuns.Stream(sampler(spec, 42), RATES, BATCH, 7, losses);
        stream.run(ARRIVALS);
        assertCountsAddUp(stream);
        return stream;
    }

    /** arrived == trained + subsampled + buffered and trained + replayed == slots, for every task. */
    private static void assertCountsAddUp(SamplerRuns.Stream stream) {
        long arrived = 0;
        long slots = 0;
        for (int t = 0; t < RATES.length; t++) {
            TaskCounters c = stream.sampler.counters(t);
            assertEquals(c.arrived(), c.trained() + c.subsampled() + c.buffered(), "task " + c.task());
            assertEquals(stream.slots[t], c.trained() + c.replayed(), "slots of task " + c.task());
            assertEquals(c.buffered(), stream.sampler.buffered(t));
            arrived += c.arrived();
            slots += stream.slots[t];
        }
        assertEquals(ARRIVALS, arrived);
        assertEquals(ARRIVALS / BATCH * BATCH, slots, "one full batch per 32 arrivals");
    }

    private static void assertShares(double[] expected, double[] actual) {
        for (int t = 0; t < expected.length; t++) {
            assertEquals(expected[t], actual[t], TOLERANCE, "share of task " + t);
        }
    }

    @Test
    void shouldGiveEveryTaskAThirdOfTheSlotsUnderUniformSamplingByReplayingScarceTasks() {
        SamplerRuns.Stream stream = run(spec(SamplerType.UNIFORM, Map.of(), 1.0), null);
        assertShares(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, stream.shares());

        TaskCounters abundant = stream.sampler.counters(0);
        assertEquals(0, abundant.replayed(), "the abundant task never runs dry");
        // It arrives at 0.8 per slot but trains at 1/3: the rest is subsampled.
        assertEquals(abundant.arrived() - stream.slots[0], abundant.subsampled(), 256);
        assertTrue(abundant.subsampled() > 40_000, "subsampled " + abundant.subsampled());
        for (int t = 1; t < 3; t++) {
            TaskCounters scarce = stream.sampler.counters(t);
            assertEquals(0, scarce.subsampled(), "scarce task " + scarce.task() + " never overflows");
            // Arrives at 0.1 per slot, trains at 1/3: about 70% of its slots are replays.
            assertEquals(0.7, (double) scarce.replayed() / stream.slots[t], 0.02, "replay share of " + scarce.task());
            assertEquals(64, scarce.reservoir());
        }
    }

    @Test
    void shouldFollowArrivalRatesUnderProportionalSampling() {
        SamplerRuns.Stream stream = run(spec(SamplerType.PROPORTIONAL, Map.of(), 1.0), null);
        assertShares(RATES, stream.shares());
    }

    @Test
    void shouldFollowStaticWeightsWithMissingTasksWeighingOne() {
        SamplerRuns.Stream stream = run(spec(SamplerType.STATIC, Map.of("a", 2.0), 1.0), null);
        assertShares(new double[] {0.5, 0.25, 0.25}, stream.shares());
    }

    @Test
    void shouldFollowSquareRootOfArrivalRatesAtTemperatureTwo() {
        SamplerRuns.Stream stream = run(spec(SamplerType.TEMPERATURE, Map.of(), 2.0), null);
        double[] expected = new double[3];
        double sum = 0;
        for (int t = 0; t < 3; t++) {
            expected[t] = Math.sqrt(RATES[t]);
            sum += expected[t];
        }
        for (int t = 0; t < 3; t++) {
            expected[t] /= sum; // 0.586, 0.207, 0.207
        }
        assertShares(expected, stream.shares());
    }

    @Test
    void shouldFavourTheHighestLossTaskBySoftmaxOfLossesOverTemperature() {
        double[] losses = {0.2, 0.5, 1.0};
        double tau = 0.5;
        SamplerRuns.Stream stream = run(spec(SamplerType.ADAPTIVE, Map.of(), tau), losses);
        double[] expected = new double[3];
        double sum = 0;
        for (int t = 0; t < 3; t++) {
            expected[t] = Math.exp(losses[t] / tau);
            sum += expected[t];
        }
        for (int t = 0; t < 3; t++) {
            expected[t] /= sum; // 0.129, 0.234, 0.637
        }
        assertShares(expected, stream.shares());
        assertTrue(stream.shares()[2] > 0.6, "the scarce high-loss task fills most slots");
    }
}

package dev.tributary.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import moa.classifiers.core.driftdetection.ADWIN;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our {@link Adwin} against MOA's {@code ADWIN} (the reference implementation by ADWIN's author), run
 * in lockstep on the same sequences: after every observation the change flag, the window width and the
 * bits of the window's mean and variance must agree, so the detection positions and the final width do.
 */
class AdwinMatchesMoaTest {

    /** Detections of both, checked step by step; returns MOA's detection positions (1-based). */
    private static List<Long> assertLockstep(double[] xs, ADWIN moa, Adwin ours) {
        List<Long> detections = new ArrayList<>();
        for (int t = 0; t < xs.length; t++) {
            boolean moaChange = moa.setInput(xs[t]);
            ours.update(xs[t]);
            if (moaChange != ours.driftDetected()
                    || moa.getWidth() != ours.width()
                    || Double.doubleToLongBits(moa.getEstimation()) != Double.doubleToLongBits(ours.mean())
                    || Double.doubleToLongBits(moa.getVariance()) != Double.doubleToLongBits(ours.variance())) {
                fail("diverged at position " + (t + 1) + ": MOA change=" + moaChange + " width=" + moa.getWidth()
                        + " mean=" + moa.getEstimation() + " variance=" + moa.getVariance() + "; ours change="
                        + ours.driftDetected() + " width=" + ours.width() + " mean=" + ours.mean() + " variance="
                        + ours.variance());
            }
            if (moaChange) {
                detections.add(ours.position());
            }
        }
        assertEquals(moa.getWidth(), ours.width(), "window width at the end");
        assertEquals(moa.getNumberDetections(), detections.size(), "MOA's own detection count");
        return detections;
    }

    private static List<Long> assertSameAsMoa(double[] xs, double delta) {
        List<Long> ours = Streams.detections(new Adwin(delta), xs);
        List<Long> moa = assertLockstep(xs, new ADWIN(delta), new Adwin(delta));
        assertEquals(moa, ours, "detection positions");
        return moa;
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.002, 0.05, 0.3})
    void shouldMatchMoaOnStationaryBernoulli(double delta) {
        assertSameAsMoa(Streams.bernoulli(11, 20_000, t -> 0.2), delta);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.002, 0.05, 0.3})
    void shouldMatchMoaOnAbruptShift(double delta) {
        List<Long> detections = assertSameAsMoa(Streams.abrupt(12, 10_000, 5_000, 0.2, 0.5), delta);
        assertFalse(detections.stream().noneMatch(p -> p > 5_000), "the shift is detected: " + detections);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.002, 0.05, 0.3})
    void shouldMatchMoaOnGradualDrift(double delta) {
        double[] xs = Streams.bernoulli(13, 10_000, t -> t < 5_000 ? 0.2 : t < 7_000 ? 0.2 + 0.3 * (t - 5_000) / 2_000.0 : 0.5);
        List<Long> detections = assertSameAsMoa(xs, delta);
        assertFalse(detections.stream().noneMatch(p -> p > 5_000), "the ramp is detected: " + detections);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.002, 0.05, 0.3})
    void shouldMatchMoaOnGaussianMeanShifts(double delta) {
        double[] xs = Streams.gaussian(14, 12_000, t -> t < 4_000 ? 0.0 : t < 8_000 ? 1.0 : -0.5, 1.0);
        List<Long> detections = assertSameAsMoa(xs, delta);
        assertFalse(detections.stream().noneMatch(p -> p > 4_000 && p <= 8_000), "first shift: " + detections);
        assertFalse(detections.stream().noneMatch(p -> p > 8_000), "second shift: " + detections);
    }

    @Test
    void shouldMatchMoaWhenCheckingEveryObservation() {
        double[] xs = Streams.abrupt(15, 6_000, 3_000, 0.1, 0.4);
        List<Long> detections = assertLockstep(xs, new ADWIN(1), new Adwin(Adwin.DEFAULT_DELTA, 1));
        assertFalse(detections.isEmpty(), "the shift is detected");
    }

    @Test
    void shouldMatchMoaOnNebraskaWeatherErrorStream() {
        double[] errors = WeatherErrors.errors();
        assertEquals(18_159, errors.length);
        List<Long> detections = assertSameAsMoa(errors, Adwin.DEFAULT_DELTA);
        assertFalse(detections.isEmpty(), "ADWIN finds drift in the real error stream");
    }
}

package dev.tributary.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** KSWIN's pinned detections on seeded streams and its behaviour around a detection. */
class KswinTest {

    @Test
    void shouldDetectAtPinnedPositionsOnGaussianShifts() {
        double[] xs = Streams.gaussian(32, 3_000, t -> t < 1_000 ? 0.0 : t < 2_000 ? 1.5 : 0.0, 1.0);
        assertEquals(List.of(985L, 1_055L, 1_207L, 1_753L, 1_955L, 2_025L, 2_509L, 2_862L),
                Streams.detections(new Kswin(7), xs));
    }

    @Test
    void shouldDetectAtPinnedPositionOnErrorRateJump() {
        double[] xs = Streams.bernoulli(33, 6_000, t -> t < 3_000 ? 0.1 : 0.7);
        assertEquals(List.of(3_025L), Streams.detections(new Kswin(8), xs));
    }

    @Test
    void shouldNotTestBeforeTheWindowIsFull() {
        Kswin kswin = new Kswin(0.005, 100, 30, 1);
        for (int t = 0; t < 99; t++) {
            kswin.update(t < 50 ? 0.0 : 100.0);
            assertFalse(kswin.driftDetected(), "at " + (t + 1));
        }
        kswin.update(100.0);
        assertTrue(kswin.driftDetected(), "the full window's recent 30 differ completely from the older 70");
    }

    @Test
    void shouldKeepOnlyTheRecentSampleAfterADetection() {
        Kswin kswin = new Kswin(0.005, 100, 30, 3);
        double[] xs = Streams.gaussian(34, 1_000, t -> t < 400 ? 0.0 : 5.0, 1.0);
        List<Long> detections = Streams.detections(kswin, xs);
        assertTrue(detections.get(0) > 400 && detections.get(0) <= 430, detections.toString());
        for (int k = 1; k < detections.size(); k++) {
            assertTrue(detections.get(k) - detections.get(k - 1) >= 70, "the window refills first: " + detections);
        }
        DriftStats first = statsAtFirst(xs);
        assertEquals(70, first.countBefore());
        assertEquals(30, first.countAfter());
        assertTrue(first.meanAfter() > first.meanBefore() + 1.0, first.toString());
        assertTrue(first.statistic() >= new Kswin().criticalStatistic(), first.toString());
    }

    private static DriftStats statsAtFirst(double[] xs) {
        Kswin kswin = new Kswin(0.005, 100, 30, 3);
        for (double x : xs) {
            kswin.update(x);
            if (kswin.driftDetected()) {
                return kswin.lastDrift().orElseThrow();
            }
        }
        throw new AssertionError("no detection");
    }
}

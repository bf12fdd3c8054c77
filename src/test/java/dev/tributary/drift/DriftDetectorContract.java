package dev.tributary.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The battery every {@link DriftDetector} must pass: detections are reported consistently, {@code copy()}
 * is fresh and behaves like a new detector, a snapshot taken anywhere mid-stream (also right after a
 * detection) continues bit-identically, {@code reset()} forgets everything but the position, and bad
 * parameters and observations are refused with a message naming them.
 */
abstract class DriftDetectorContract {

    /** A detector with a fixed configuration. */
    abstract DriftDetector create();

    /** A seeded stream on which {@link #create()}'s detector raises several drifts. */
    abstract double[] stream();

    /** Constructor calls with one bad parameter each, keyed by the parameter's name. */
    abstract List<Map.Entry<String, Executable>> badParameters();

    /** Every detection, with its statistics, in order. */
    private static List<DriftStats> run(DriftDetector detector, double[] xs, int from, int to) {
        List<DriftStats> found = new ArrayList<>();
        for (int t = from; t < to; t++) {
            detector.update(xs[t]);
            if (detector.driftDetected()) {
                found.add(detector.lastDrift().orElseThrow());
            }
        }
        return found;
    }

    @Test
    void shouldDetectSeveralTimesOnTheContractStream() {
        List<DriftStats> drifts = run(create(), stream(), 0, stream().length);
        assertTrue(drifts.size() >= 2, "the contract stream must exercise detections, found " + drifts.size());
    }

    @Test
    void shouldReportStatsOfTheDetectingUpdate() {
        DriftDetector detector = create();
        assertEquals(Optional.empty(), detector.lastDrift());
        assertEquals(0, detector.position());
        long detections = 0;
        double[] xs = stream();
        for (int t = 0; t < xs.length; t++) {
            detector.update(xs[t]);
            assertEquals(t + 1, detector.position());
            if (detector.driftDetected()) {
                detections++;
                DriftStats stats = detector.lastDrift().orElseThrow();
                assertEquals(detector.position(), stats.position());
                assertEquals(detector.name(), stats.detector());
                assertTrue(stats.countBefore() > 0 && stats.countAfter() > 0, stats.toString());
                assertTrue(Double.isFinite(stats.meanBefore()) && Double.isFinite(stats.meanAfter()), stats.toString());
                assertTrue(stats.statistic() > 0, stats.toString());
            }
        }
        assertTrue(detections > 0);
    }

    @Test
    void copyShouldBeFreshAndBehaveLikeANewDetector() {
        double[] xs = stream();
        DriftDetector used = create();
        run(used, xs, 0, xs.length / 2);
        DriftDetector copy = used.copy();
        assertEquals(0, copy.position());
        assertFalse(copy.driftDetected());
        assertEquals(Optional.empty(), copy.lastDrift());
        assertEquals(used.name(), copy.name());
        assertEquals(run(create(), xs, 0, xs.length), run(copy, xs, 0, xs.length));
    }

    @Test
    void snapshotMidStreamShouldContinueIdentically() throws IOException {
        double[] xs = stream();
        List<DriftStats> reference = run(create(), xs, 0, xs.length);
        List<Integer> cuts = new ArrayList<>(List.of(0, 1, xs.length / 3, xs.length / 2 + 17, xs.length - 1));
        cuts.add((int) reference.get(0).position()); // right after a detection
        cuts.add((int) reference.get(reference.size() - 1).position() - 1); // just before one
        for (int cut : cuts) {
            DriftDetector first = create();
            List<DriftStats> found = run(first, xs, 0, cut);
            DriftDetector restored = create();
            byte[] bytes = snapshot(first);
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            restored.readState(in);
            assertEquals(0, in.available(), "readState consumes exactly what writeState wrote");
            assertEquals(first.position(), restored.position());
            assertEquals(first.driftDetected(), restored.driftDetected());
            assertEquals(first.lastDrift(), restored.lastDrift());
            found.addAll(run(restored, xs, cut, xs.length));
            assertEquals(reference, found, "snapshot after " + cut + " observations");
            assertTrue(Arrays.equals(snapshot(restored), snapshot(runAll(xs))), "final state after cut " + cut);
        }
    }

    private DriftDetector runAll(double[] xs) {
        DriftDetector detector = create();
        run(detector, xs, 0, xs.length);
        return detector;
    }

    private static byte[] snapshot(DriftDetector detector) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        detector.writeState(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    @Test
    void resetShouldForgetEverythingButThePosition() {
        double[] xs = stream();
        DriftDetector detector = create();
        run(detector, xs, 0, xs.length / 2);
        detector.reset();
        assertEquals(xs.length / 2, detector.position());
        assertFalse(detector.driftDetected());
        assertEquals(Optional.empty(), detector.lastDrift());
        List<Long> afterReset = run(detector, xs, 0, xs.length).stream().map(s -> s.position() - xs.length / 2).toList();
        List<Long> fresh = run(create(), xs, 0, xs.length).stream().map(DriftStats::position).toList();
        assertEquals(fresh, afterReset);
    }

    @Test
    void shouldRefuseBadParametersNamingThem() {
        List<Map.Entry<String, Executable>> cases = badParameters();
        assertFalse(cases.isEmpty());
        for (Map.Entry<String, Executable> bad : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad.getValue(), bad.getKey());
            assertTrue(e.getMessage().contains(bad.getKey()), "message names " + bad.getKey() + ": " + e.getMessage());
        }
    }

    @Test
    void shouldRefuseNonFiniteObservations() {
        DriftDetector detector = create();
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> detector.update(bad));
            assertTrue(e.getMessage().startsWith("x must be finite"), e.getMessage());
        }
        assertEquals(0, detector.position());
    }
}

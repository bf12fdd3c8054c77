package dev.tributary.drift;

import dev.tributary.util.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongToDoubleFunction;

/** Seeded test streams and a runner that collects detection positions. */
final class Streams {
    private Streams() {
    }

    /** 0/1 draws; {@code p.applyAsDouble(t)} is the probability of a 1 at 0-based index t. */
    static double[] bernoulli(long seed, int n, LongToDoubleFunction p) {
        Rng rng = new Rng(seed);
        double[] xs = new double[n];
        for (int t = 0; t < n; t++) {
            xs[t] = rng.nextDouble() < p.applyAsDouble(t) ? 1.0 : 0.0;
        }
        return xs;
    }

    /** Bernoulli(before) for the first {@code shiftAt} draws, Bernoulli(after) from then on. */
    static double[] abrupt(long seed, int n, int shiftAt, double before, double after) {
        return bernoulli(seed, n, t -> t < shiftAt ? before : after);
    }

    /** Normal(mean, sd) draws; {@code mean.applyAsDouble(t)} is the mean at 0-based index t. */
    static double[] gaussian(long seed, int n, LongToDoubleFunction mean, double sd) {
        Rng rng = new Rng(seed);
        double[] xs = new double[n];
        for (int t = 0; t < n; t++) {
            xs[t] = mean.applyAsDouble(t) + sd * rng.nextGaussian();
        }
        return xs;
    }

    /** Feeds every value and returns the positions (1-based, as {@link DriftDetector#position()}) of the detections. */
    static List<Long> detections(DriftDetector detector, double[] xs) {
        List<Long> found = new ArrayList<>();
        for (double x : xs) {
            detector.update(x);
            if (detector.driftDetected()) {
                found.add(detector.position());
            }
        }
        return found;
    }
}

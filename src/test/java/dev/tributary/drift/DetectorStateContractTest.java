package dev.tributary.drift;

import dev.tributary.util.Rng;
import dev.tributary.util.StatefulContract;
import org.junit.jupiter.api.Nested;

import java.util.ArrayList;
import java.util.List;

/** {@link StatefulContract} for every drift detector, on a stream whose mean moves. */
class DetectorStateContractTest {

    abstract static class ScalarDetectorContract implements StatefulContract<DriftDetector> {
        @Override
        public void feed(DriftDetector d, Rng rng, int steps) {
            double mean = 0.2 + 0.6 * rng.nextDouble();
            for (int n = 0; n < steps; n++) {
                if (n == steps / 2) {
                    mean = 1 - mean;
                }
                d.update(rng.nextDouble() < mean ? 1 : 0);
            }
        }

        @Override
        public Object observe(DriftDetector d) {
            return List.of(d.driftDetected(), d.lastDrift().map(Object::toString).orElse("none"));
        }

        @Override
        public int steps() {
            return 1500;
        }
    }

    @Nested
    class AdwinContract extends ScalarDetectorContract {
        @Override
        public DriftDetector create() {
            return new Adwin(0.002);
        }
    }

    @Nested
    class PageHinkleyContract extends ScalarDetectorContract {
        @Override
        public DriftDetector create() {
            return new PageHinkley(30, 0.005, 10, 0.9999);
        }
    }

    @Nested
    class KswinContract extends ScalarDetectorContract {
        @Override
        public DriftDetector create() {
            return new Kswin(0.005, 100, 30, 11);
        }
    }

    @Nested
    class ShareShiftContract implements StatefulContract<ShareShift> {
        @Override
        public ShareShift create() {
            return new ShareShift(4, 50, 500, 0.2);
        }

        @Override
        public void feed(ShareShift s, Rng rng, int steps) {
            float[] p = new float[4];
            for (int n = 0; n < steps; n++) {
                float sum = 0;
                for (int i = 0; i < 4; i++) {
                    p[i] = (float) (rng.nextDouble() + (n > steps / 2 && i == 0 ? 2 : 0));
                    sum += p[i];
                }
                for (int i = 0; i < 4; i++) {
                    p[i] /= sum;
                }
                s.update(p, 0);
            }
        }

        @Override
        public Object observe(ShareShift s) {
            List<Double> slow = new ArrayList<>();
            for (double v : s.slowMean()) {
                slow.add(v);
            }
            return List.of(s.driftDetected(), s.distance(), slow);
        }
    }
}

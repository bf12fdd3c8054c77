package dev.tributary.eval;

import dev.tributary.util.Rng;
import dev.tributary.util.StatefulContract;
import org.junit.jupiter.api.Nested;

/** {@link StatefulContract} for the prequential metrics of every task kind. */
class MetricsStateContractTest {

    abstract static class MetricsContract implements StatefulContract<TaskMetrics> {
        @Override
        public Object observe(TaskMetrics m) {
            return m.snapshot();
        }
    }

    @Nested
    class Binary extends MetricsContract {
        @Override
        public TaskMetrics create() {
            return new BinaryMetrics(100);
        }

        @Override
        public void feed(TaskMetrics m, Rng rng, int steps) {
            float[] score = new float[1];
            for (int n = 0; n < steps; n++) {
                int y = rng.nextDouble() < 0.3 ? 1 : 0;
                score[0] = (float) Math.min(1, Math.max(0, 0.3 * y + 0.7 * rng.nextDouble()));
                m.add(score, 0, y);
            }
        }
    }

    @Nested
    class Regression extends MetricsContract {
        @Override
        public TaskMetrics create() {
            return new RegressionMetrics(100);
        }

        @Override
        public void feed(TaskMetrics m, Rng rng, int steps) {
            float[] score = new float[1];
            for (int n = 0; n < steps; n++) {
                double y = rng.nextGaussian() * 3 + 10;
                score[0] = (float) (y + rng.nextGaussian());
                m.add(score, 0, y);
            }
        }
    }

    @Nested
    class Multiclass extends MetricsContract {
        @Override
        public TaskMetrics create() {
            return new MulticlassMetrics(3, 100);
        }

        @Override
        public void feed(TaskMetrics m, Rng rng, int steps) {
            float[] dist = new float[3];
            for (int n = 0; n < steps; n++) {
                int y = rng.nextInt(3);
                float sum = 0;
                for (int c = 0; c < 3; c++) {
                    dist[c] = (float) (rng.nextDouble() + (c == y ? 0.5 : 0));
                    sum += dist[c];
                }
                for (int c = 0; c < 3; c++) {
                    dist[c] /= sum;
                }
                m.add(dist, 0, y);
            }
        }
    }
}

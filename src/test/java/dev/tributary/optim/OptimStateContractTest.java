package dev.tributary.optim;

import dev.tributary.spec.OptimizerSpec;
import dev.tributary.spec.OptimizerType;
import dev.tributary.spec.TaskKind;
import dev.tributary.spec.TaskSpec;
import dev.tributary.spec.WeightingSpec;
import dev.tributary.spec.WeightingType;
import dev.tributary.util.Rng;
import dev.tributary.util.Stateful;
import dev.tributary.util.StatefulContract;
import org.junit.jupiter.api.Nested;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@link StatefulContract} for every optimizer and every loss weighting. */
class OptimStateContractTest {
    static final int SIZE = 64;

    /** An optimizer with the parameters it updates (part of the state here): its output is the parameters. */
    static final class Stepping implements Stateful {
        final Optimizer optimizer;
        final float[] params = new float[SIZE];

        Stepping(OptimizerType type) {
            optimizer = Optimizer.create(new OptimizerSpec(type, 0.01, 0.9, 0.999,
                    1e-8, 0.0, 0.001), SIZE);
        }

        @Override
        public void writeState(DataOutput out) throws IOException {
            optimizer.writeState(out);
            FlatState.write(out, params);
        }

        @Override
        public void readState(DataInput in) throws IOException {
            optimizer.readState(in);
            FlatState.read(in, params, "parameters");
        }
    }

    abstract static class OptimizerContract implements StatefulContract<Stepping> {
        abstract OptimizerType type();

        @Override
        public Stepping create() {
            return new Stepping(type());
        }

        @Override
        public void feed(Stepping s, Rng rng, int steps) {
            float[] grads = new float[SIZE];
            for (int n = 0; n < steps; n++) {
                for (int i = 0; i < SIZE; i++) {
                    grads[i] = (float) (rng.nextGaussian() + 0.1 * s.params[i]);
                }
                s.optimizer.step(s.params, grads, n % 7 == 0 ? 2.0 : 1.0);
            }
        }

        @Override
        public Object observe(Stepping s) {
            // One more step on a fixed gradient shows the moments through the parameters they move.
            float[] params = s.params.clone();
            float[] grads = new float[SIZE];
            java.util.Arrays.fill(grads, 0.5f);
            Stepping probe = new Stepping(type());
            StatefulContract.restore(probe, StatefulContract.stateOf(s));
            probe.optimizer.step(params, grads, 1.0);
            List<Float> out = new ArrayList<>();
            for (float p : params) {
                out.add(p);
            }
            return List.of(s.optimizer.steps(), out);
        }
    }

    @Nested
    class Adam extends OptimizerContract {
        @Override
        OptimizerType type() {
            return OptimizerType.ADAM;
        }
    }

    @Nested
    class AdaGrad extends OptimizerContract {
        @Override
        OptimizerType type() {
            return OptimizerType.ADAGRAD;
        }
    }

    @Nested
    class SgdWithMomentum extends OptimizerContract {
        @Override
        OptimizerType type() {
            return OptimizerType.SGD;
        }
    }

    abstract static class WeightingContract implements StatefulContract<LossWeighting> {
        static final List<TaskSpec> TASKS = List.of(new TaskSpec("a", TaskKind.BINARY, List.of(), "a.events", false),
                new TaskSpec("b", TaskKind.BINARY, List.of(), "b.events", false),
                new TaskSpec("c", TaskKind.REGRESSION, List.of(), "c.events", false));

        abstract WeightingType type();

        @Override
        public LossWeighting create() {
            return LossWeighting.create(new WeightingSpec(type(), Map.of("a", 2.0), 5, 2.0, 1.5, 0.025), TASKS);
        }

        @Override
        public void feed(LossWeighting w, Rng rng, int steps) {
            double[] losses = new double[3];
            double[] norms = new double[3];
            for (int n = 0; n < steps; n++) {
                for (int t = 0; t < 3; t++) {
                    losses[t] = 0.2 + (t + 1) * rng.nextDouble();
                    norms[t] = 0.5 + rng.nextDouble();
                }
                w.update(losses, norms);
            }
        }

        @Override
        public Object observe(LossWeighting w) {
            double[] out = new double[3];
            w.weights(out);
            return List.of(out[0], out[1], out[2]);
        }
    }

    @Nested
    class Uncertainty extends WeightingContract {
        @Override
        WeightingType type() {
            return WeightingType.UNCERTAINTY;
        }
    }

    @Nested
    class Dwa extends WeightingContract {
        @Override
        WeightingType type() {
            return WeightingType.DWA;
        }
    }

    @Nested
    class GradNorm extends WeightingContract {
        @Override
        WeightingType type() {
            return WeightingType.GRADNORM;
        }
    }

    @Nested
    class MinMax extends WeightingContract {
        @Override
        WeightingType type() {
            return WeightingType.MINMAX;
        }
    }
}

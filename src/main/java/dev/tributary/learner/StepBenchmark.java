package dev.tributary.learner;

import dev.tributary.features.Batch;
import dev.tributary.features.InputShape;
import dev.tributary.model.Kernels;
import dev.tributary.model.MultiTaskNetwork;
import dev.tributary.model.Networks;
import dev.tributary.optim.TaskLoss;
import dev.tributary.spec.TaskKind;
import dev.tributary.spec.TaskSpec;
import dev.tributary.spec.TopologySpec;
import dev.tributary.util.Rng;

/**
 * Times the full training step (forward, losses, backward, clipping, optimizer update) of a spec's
 * model on random micro-batches, on the calling thread. Used by {@code tributary bench model}; the
 * JMH benchmark in the tests measures the same step. It stays in {@code learner}, not {@code bench},
 * because it drives the package-private {@link Trainer} exactly as the learner does.
 */
public final class StepBenchmark {
    private final Trainer trainer;
    private final Batch[] batches;
    private final Rng rng;
    private final MultiTaskNetwork net;

    /** Prepares {@code distinct} random batches of {@code batchSize} rows. */
    public StepBenchmark(TopologySpec spec, int batchSize, Kernels kernels) {
        InputShape shape = InputShape.of(spec.features());
        this.net = Networks.create(spec.model(), shape, spec.tasks(), kernels);
        TaskLoss[] losses = spec.tasks().stream().map(t -> TaskLoss.forKind(t.kind(), t.classes().size()))
                .toArray(TaskLoss[]::new);
        this.trainer = Trainer.create(spec, net, losses);
        this.rng = Rng.derive(spec.seed(), "bench");
        this.batches = new Batch[8];
        for (int i = 0; i < batches.length; i++) {
            batches[i] = randomBatch(spec, shape, batchSize, rng);
        }
    }

    private static Batch randomBatch(TopologySpec spec, InputShape shape, int rows, Rng rng) {
        Batch b = new Batch(shape.numeric(), shape.categorical(), rows);
        b.setRows(rows);
        for (int i = 0; i < b.numeric.length; i++) {
            b.numeric[i] = (float) rng.nextGaussian();
        }
        for (int r = 0; r < rows; r++) {
            for (int f = 0; f < shape.categorical(); f++) {
                b.categorical[r * shape.categorical() + f] = rng.nextInt(shape.buckets()[f]);
            }
            int t = rng.nextInt(spec.tasks().size());
            TaskSpec task = spec.tasks().get(t);
            b.task[r] = t;
            b.target[r] = task.kind() == TaskKind.REGRESSION ? (float) rng.nextGaussian()
                    : task.kind() == TaskKind.BINARY ? rng.nextInt(2) : rng.nextInt(task.classes().size());
        }
        return b;
    }

    /** Runs {@code steps} training steps; returns the elapsed nanoseconds. */
    public long run(int steps) {
        long start = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            trainer.step(batches[i & 7], rng, 1.0);
        }
        return System.nanoTime() - start;
    }

    /** Multiply-adds of one row's forward pass. */
    public long forwardMacsPerRow() {
        return net.macsPerRow();
    }

    public int parameterCount() {
        return trainer.params.length;
    }
}

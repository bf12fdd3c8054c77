package dev.tributary.optim;

import dev.tributary.spec.OptimizerSpec;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Stochastic gradient descent with optional heavy-ball momentum ({@code beta1}) and decoupled weight decay. */
final class Sgd implements Optimizer {
    private final float lr;
    private final float momentum;
    private final float decay;
    private final float[] velocity;
    private final int size;
    private long steps;

    Sgd(OptimizerSpec spec, int size) {
        this.lr = (float) spec.learningRate();
        this.momentum = (float) spec.beta1();
        this.decay = (float) spec.weightDecay();
        this.velocity = new float[momentum > 0 ? size : 0];
        this.size = size;
    }

    @Override
    public void step(float[] p, float[] g, double lrScale) {
        float a = (float) (lr * lrScale);
        float keep = 1f - a * decay;
        if (momentum > 0) {
            for (int i = 0; i < p.length; i++) {
                velocity[i] = momentum * velocity[i] + g[i];
                p[i] = keep * p[i] - a * velocity[i];
            }
        } else {
            for (int i = 0; i < p.length; i++) {
                p[i] = keep * p[i] - a * g[i];
            }
        }
        steps++;
    }

    @Override
    public void resetState(int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, size);
        if (velocity.length > 0) {
            java.util.Arrays.fill(velocity, offset, offset + length, 0f);
        }
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeLong(steps);
        FlatState.write(out, velocity);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        steps = in.readLong();
        FlatState.read(in, velocity, "SGD velocity");
    }
}

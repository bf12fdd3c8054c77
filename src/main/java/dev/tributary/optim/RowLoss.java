package dev.tributary.optim;

import dev.tributary.features.Batch;
import java.util.Arrays;

/** A {@link TaskLoss} given by its loss and gradient on one row; the loops over the batch are here. */
abstract class RowLoss implements TaskLoss {

    /**
     * The loss of row {@code row} with target {@code target}; unless {@code grad} is null, also writes
     * {@code scale·∂ℓ/∂z} into the row's outputs of {@code grad}.
     */
    abstract double row(float[] out, int row, double target, double scale, float[] grad);

    @Override
    public final double lossAndGrad(float[] out, Batch batch, int task, double scale, float[] grad) {
        int k = outputs();
        double sum = 0;
        for (int r = 0; r < batch.rows(); r++) {
            if (batch.task[r] == task) {
                sum += row(out, r, batch.target[r], scale, grad);
            } else {
                Arrays.fill(grad, r * k, r * k + k, 0f);
            }
        }
        return sum;
    }

    @Override
    public final double loss(float[] out, Batch batch, int task) {
        double sum = 0;
        for (int r = 0; r < batch.rows(); r++) {
            if (batch.task[r] == task) {
                sum += row(out, r, batch.target[r], 0, null);
            }
        }
        return sum;
    }
}

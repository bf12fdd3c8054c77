package dev.tributary.optim;

import dev.tributary.features.Batch;

/** Identity output with half squared error on the standardised target; see {@link TaskLoss}. */
final class RegressionLoss implements TaskLoss {

    @Override
    public double lossAndGrad(float[] out, Batch batch, int task, double scale, float[] grad) {
        double sum = 0;
        for (int r = 0; r < batch.rows(); r++) {
            if (batch.task[r] != task) {
                grad[r] = 0f;
                continue;
            }
            double d = out[r] - batch.target[r];
            sum += 0.5 * d * d;
            grad[r] = (float) (scale * d);
        }
        return sum;
    }

    @Override
    public double loss(float[] out, Batch batch, int task) {
        double sum = 0;
        for (int r = 0; r < batch.rows(); r++) {
            if (batch.task[r] == task) {
                double d = out[r] - batch.target[r];
                sum += 0.5 * d * d;
            }
        }
        return sum;
    }

    @Override
    public void score(float[] out, int row, double[] dst) {
        dst[0] = out[row];
    }

    @Override
    public int outputs() {
        return 1;
    }
}

package dev.tributary.optim;

import dev.tributary.features.Batch;

/** Sigmoid output with log-loss; see {@link TaskLoss}. */
final class BinaryLoss implements TaskLoss {

    @Override
    public double lossAndGrad(float[] out, Batch batch, int task, double scale, float[] grad) {
        double sum = 0;
        for (int r = 0; r < batch.rows(); r++) {
            if (batch.task[r] != task) {
                grad[r] = 0f;
                continue;
            }
            double z = out[r];
            double y = batch.target[r];
            sum += rowLoss(z, y);
            grad[r] = (float) (scale * (sigmoid(z) - y));
        }
        return sum;
    }

    @Override
    public double loss(float[] out, Batch batch, int task) {
        double sum = 0;
        for (int r = 0; r < batch.rows(); r++) {
            if (batch.task[r] == task) {
                sum += rowLoss(out[r], batch.target[r]);
            }
        }
        return sum;
    }

    /** {@code max(z,0) − y·z + log(1 + e^{−|z|})}: log-loss of logit z, stable for any z. */
    static double rowLoss(double z, double y) {
        return Math.max(z, 0) - y * z + Math.log1p(Math.exp(-Math.abs(z)));
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1.0 / (1.0 + Math.exp(-z)) : Math.exp(z) / (1.0 + Math.exp(z));
    }

    @Override
    public void score(float[] out, int row, double[] dst) {
        dst[0] = sigmoid(out[row]);
    }

    @Override
    public int outputs() {
        return 1;
    }
}

package dev.tributary.optim;


/** Sigmoid output with log-loss; see {@link TaskLoss}. */
final class BinaryLoss extends RowLoss {

    @Override
    double row(float[] out, int row, double target, double scale, float[] grad) {
        double z = out[row];
        if (grad != null) {
            grad[row] = (float) (scale * (sigmoid(z) - target));
        }
        return rowLoss(z, target);
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

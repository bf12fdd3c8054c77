package dev.tributary.optim;


/** Identity output with half squared error on the standardised target; see {@link TaskLoss}. */
final class RegressionLoss extends RowLoss {

    @Override
    double row(float[] out, int row, double target, double scale, float[] grad) {
        double d = out[row] - target;
        if (grad != null) {
            grad[row] = (float) (scale * d);
        }
        return 0.5 * d * d;
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

package dev.tributary.optim;

import dev.tributary.features.Batch;

/** Softmax output with cross-entropy; see {@link TaskLoss}. The target is the class index. */
final class MulticlassLoss implements TaskLoss {
    private final int classes;

    MulticlassLoss(int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("a multiclass task needs at least 2 classes, found " + classes);
        }
        this.classes = classes;
    }

    @Override
    public double lossAndGrad(float[] out, Batch batch, int task, double scale, float[] grad) {
        double sum = 0;
        for (int r = 0; r < batch.rows(); r++) {
            int base = r * classes;
            if (batch.task[r] != task) {
                java.util.Arrays.fill(grad, base, base + classes, 0f);
                continue;
            }
            int y = (int) batch.target[r];
            double lse = logSumExp(out, base);
            sum += lse - out[base + y];
            for (int c = 0; c < classes; c++) {
                double p = Math.exp(out[base + c] - lse);
                grad[base + c] = (float) (scale * (p - (c == y ? 1.0 : 0.0)));
            }
        }
        return sum;
    }

    @Override
    public double loss(float[] out, Batch batch, int task) {
        double sum = 0;
        for (int r = 0; r < batch.rows(); r++) {
            if (batch.task[r] == task) {
                int base = r * classes;
                sum += logSumExp(out, base) - out[base + (int) batch.target[r]];
            }
        }
        return sum;
    }

    private double logSumExp(float[] out, int base) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            max = Math.max(max, out[base + c]);
        }
        double s = 0;
        for (int c = 0; c < classes; c++) {
            s += Math.exp(out[base + c] - max);
        }
        return max + Math.log(s);
    }

    @Override
    public void score(float[] out, int row, double[] dst) {
        int base = row * classes;
        double lse = logSumExp(out, base);
        for (int c = 0; c < classes; c++) {
            dst[c] = Math.exp(out[base + c] - lse);
        }
    }

    @Override
    public int outputs() {
        return classes;
    }
}

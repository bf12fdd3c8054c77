package dev.tributary.optim;


/** Softmax output with cross-entropy; see {@link TaskLoss}. The target is the class index. */
final class MulticlassLoss extends RowLoss {
    private final int classes;

    MulticlassLoss(int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("a multiclass task needs at least 2 classes, found " + classes);
        }
        this.classes = classes;
    }

    @Override
    double row(float[] out, int row, double target, double scale, float[] grad) {
        int base = row * classes;
        int y = (int) target;
        double lse = logSumExp(out, base);
        if (grad != null) {
            for (int c = 0; c < classes; c++) {
                double p = Math.exp(out[base + c] - lse);
                grad[base + c] = (float) (scale * (p - (c == y ? 1.0 : 0.0)));
            }
        }
        return lse - out[base + y];
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

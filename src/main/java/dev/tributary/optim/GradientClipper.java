package dev.tributary.optim;

/**
 * Global gradient-norm clipping (Pascanu, Mikolov &amp; Bengio, ICML 2013) and the guard against
 * non-finite gradients: a step whose gradient norm is NaN or infinite must be skipped, not applied.
 */
public final class GradientClipper {
    private final double maxNorm;

    /** @param maxNorm the largest allowed L2 norm; 0 disables clipping (the finiteness check remains) */
    public GradientClipper(double maxNorm) {
        if (maxNorm < 0 || Double.isNaN(maxNorm)) {
            throw new IllegalArgumentException("clipNorm must be non-negative, found " + maxNorm);
        }
        this.maxNorm = maxNorm;
    }

    /**
     * Scales {@code grads} down to {@code maxNorm} if it is longer, and returns the norm before
     * clipping; returns NaN or infinity (leaving {@code grads} untouched) when it is not finite.
     */
    public double clip(float[] grads) {
        double norm = Math.sqrt(sumOfSquares(grads));
        if (!Double.isFinite(norm)) {
            return norm;
        }
        if (maxNorm > 0 && norm > maxNorm) {
            float s = (float) (maxNorm / norm);
            for (int i = 0; i < grads.length; i++) {
                grads[i] *= s;
            }
        }
        return norm;
    }

    /**
     * Σ g², in double, over four interleaved partial sums (fixed order, so deterministic): one running
     * sum would wait on each addition's latency, and this runs once per step over every parameter.
     */
    static double sumOfSquares(float[] g) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < g.length; i += 4) {
            s0 += (double) g[i] * g[i];
            s1 += (double) g[i + 1] * g[i + 1];
            s2 += (double) g[i + 2] * g[i + 2];
            s3 += (double) g[i + 3] * g[i + 3];
        }
        for (; i < g.length; i++) {
            s0 += (double) g[i] * g[i];
        }
        return (s0 + s1) + (s2 + s3);
    }
}

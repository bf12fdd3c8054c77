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
        return clip(grads, ParamSupport.all(grads.length));
    }

    /**
     * As {@link #clip(float[])} for a gradient that is zero outside {@code support}: the same norm to the
     * bit (each value falls in the partial sum it falls in over the whole buffer), at the cost of the
     * support.
     */
    public double clip(float[] grads, ParamSupport support) {
        double norm = Math.sqrt(sumOfSquares(grads, support));
        if (!Double.isFinite(norm)) {
            return norm;
        }
        if (maxNorm > 0 && norm > maxNorm) {
            float s = (float) (maxNorm / norm);
            for (int r = 0; r < support.ranges(); r++) {
                for (int i = support.from(r), end = support.to(r); i < end; i++) {
                    grads[i] *= s;
                }
            }
        }
        return norm;
    }

    /**
     * Σ g², in double, over four interleaved partial sums (fixed order, so deterministic): one running
     * sum would wait on each addition's latency, and this runs once per step over every parameter.
     * Index {@code i} of the buffer goes to partial sum {@code i mod 4}, except the last
     * {@code length mod 4}, which go to the first.
     */
    static double sumOfSquares(float[] g) {
        return sumOfSquares(g, ParamSupport.all(g.length));
    }

    static double sumOfSquares(float[] g, ParamSupport support) {
        double[] s = new double[4];
        int aligned = support.parameters() & ~3;
        for (int r = 0; r < support.ranges(); r++) {
            int from = support.from(r);
            int to = support.to(r);
            int i = from;
            int alignedTo = Math.min(to, aligned);
            for (; i < alignedTo && (i & 3) != 0; i++) {
                s[i & 3] += (double) g[i] * g[i];
            }
            double s0 = s[0];
            double s1 = s[1];
            double s2 = s[2];
            double s3 = s[3];
            for (; i + 3 < alignedTo; i += 4) {
                s0 += (double) g[i] * g[i];
                s1 += (double) g[i + 1] * g[i + 1];
                s2 += (double) g[i + 2] * g[i + 2];
                s3 += (double) g[i + 3] * g[i + 3];
            }
            s[0] = s0;
            s[1] = s1;
            s[2] = s2;
            s[3] = s3;
            for (; i < alignedTo; i++) {
                s[i & 3] += (double) g[i] * g[i];
            }
            for (; i < to; i++) {
                s[0] += (double) g[i] * g[i];
            }
        }
        return (s[0] + s[1]) + (s[2] + s[3]);
    }
}

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
        double sq = 0;
        for (float g : grads) {
            sq += (double) g * g;
        }
        double norm = Math.sqrt(sq);
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
}

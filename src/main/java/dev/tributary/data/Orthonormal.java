package dev.tributary.data;

import dev.tributary.util.Rng;

/** Random orthonormal vectors: Gram-Schmidt on standard Gaussian vectors. */
final class Orthonormal {
    /** Below this residual norm a draw is taken as (numerically) dependent on the earlier ones and redrawn. */
    private static final double MIN_NORM = 1e-6;

    private Orthonormal() {
    }

    /** {@code count} orthonormal vectors in R^{@code dimension}; needs {@code count <= dimension}. */
    static double[][] gaussianBasis(int count, int dimension, Rng rng) {
        if (count > dimension) {
            throw new IllegalArgumentException("cannot draw " + count + " orthogonal vectors in dimension " + dimension);
        }
        double[][] basis = new double[count][];
        for (int i = 0; i < count; i++) {
            double[] v;
            do {
                v = new double[dimension];
                for (int k = 0; k < dimension; k++) {
                    v[k] = rng.nextGaussian();
                }
            } while (!orthonormalise(v, basis, i));
            basis[i] = v;
        }
        return basis;
    }

    /** Removes from {@code v} its components along {@code basis[0..n)} (twice, for accuracy) and normalises it. */
    private static boolean orthonormalise(double[] v, double[][] basis, int n) {
        double before = Math.sqrt(dot(v, v));
        for (int pass = 0; pass < 2; pass++) {
            for (int b = 0; b < n; b++) {
                double along = dot(v, basis[b]);
                for (int k = 0; k < v.length; k++) {
                    v[k] -= along * basis[b][k];
                }
            }
        }
        double norm = Math.sqrt(dot(v, v));
        if (!(norm > MIN_NORM * before)) {
            return false;
        }
        for (int k = 0; k < v.length; k++) {
            v[k] /= norm;
        }
        return true;
    }

    static double dot(double[] a, double[] b) {
        double sum = 0.0;
        for (int k = 0; k < a.length; k++) {
            sum += a[k] * b[k];
        }
        return sum;
    }
}

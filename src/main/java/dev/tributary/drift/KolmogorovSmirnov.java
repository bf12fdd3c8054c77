package dev.tributary.drift;

/**
 * The two-sample Kolmogorov-Smirnov test with the exact null distribution, in integer units: for
 * samples of sizes n and m the statistic D = max<sub>v</sub> |F<sub>a</sub>(v) - F<sub>b</sub>(v)| is
 * carried as h = n m D, an integer, so that no rounding decides a comparison.
 *
 * <p>The p-value P(D &ge; d) is exact for continuous data: under the null all C(n+m, n) orders of
 * the pooled sample are equally likely, and the walk through the (n+1) x (m+1) lattice that the order
 * traces exceeds the level exactly when the samples' ECDFs differ by at least d (Hodges, "The
 * significance probability of the Smirnov two-sample test", Arkiv för Matematik 3, 1958; the method
 * behind scipy's {@code ks_2samp(method="exact")}). Probabilities, not path counts, flow through the
 * lattice, so it neither overflows nor loses small p-values to cancellation. With ties in the data
 * the exact continuous p-value is conservative.
 */
final class KolmogorovSmirnov {
    private KolmogorovSmirnov() {
    }

    /**
     * n m D for sorted samples {@code a[0..n)} and {@code b[0..m)}: the largest |i m - j n| over the
     * pooled values v, where i and j count the observations &le; v in each sample.
     */
    static long scaledStatistic(double[] a, int n, double[] b, int m) {
        int i = 0;
        int j = 0;
        long best = 0;
        while (i < n && j < m) {
            double v = Math.min(a[i], b[j]);
            while (i < n && a[i] == v) {
                i++;
            }
            while (j < m && b[j] == v) {
                j++;
            }
            best = Math.max(best, Math.abs((long) i * m - (long) j * n));
        }
        // Past the end of one sample the gap only shrinks towards 0, so the maximum is found.
        return best;
    }

    /** P(n m D &ge; h) under the null hypothesis of one continuous distribution. */
    static double pValue(int n, int m, long h) {
        if (n <= 0 || m <= 0) {
            throw new IllegalArgumentException("sample sizes must be positive, found n=" + n + ", m=" + m);
        }
        if (h <= 0) {
            return 1.0;
        }
        // mass[j] holds the probability of reaching (i, j) without having touched the level.
        double[] mass = new double[m + 1];
        double exceeded = 0.0;
        mass[0] = 1.0;
        for (int j = 1; j <= m; j++) {
            mass[j] = mass[j - 1] * (m - j + 1) / (n + m - j + 1);
            if ((long) j * n >= h) {
                exceeded += mass[j];
                mass[j] = 0.0;
            }
        }
        for (int i = 1; i <= n; i++) {
            mass[0] = mass[0] * (n - i + 1) / (n + m - i + 1);
            if ((long) i * m >= h) {
                exceeded += mass[0];
                mass[0] = 0.0;
            }
            for (int j = 1; j <= m; j++) {
                int remaining = n + m - i - j + 1;
                double arriving = (mass[j] * (n - i + 1) + mass[j - 1] * (m - j + 1)) / remaining;
                if (Math.abs((long) i * m - (long) j * n) >= h) {
                    exceeded += arriving;
                    arriving = 0.0;
                }
                mass[j] = arriving;
            }
        }
        return Math.min(1.0, exceeded);
    }
}

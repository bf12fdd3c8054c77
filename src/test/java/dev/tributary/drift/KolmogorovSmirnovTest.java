package dev.tributary.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tributary.util.Rng;
import java.math.BigInteger;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The exact two-sample KS test against brute-force enumeration and the Gnedenko-Korolyuk formula. */
class KolmogorovSmirnovTest {

    @Test
    void pValueShouldEqualEnumerationOfAllOrderings() {
        for (int n = 1; n <= 7; n++) {
            for (int m = 1; m <= 7; m++) {
                long[] atLeast = enumerateTail(n, m);
                double total = atLeast[0];
                for (int h = 0; h <= n * m + 1; h++) {
                    double expected = atLeast[h] / total;
                    assertEquals(expected, KolmogorovSmirnov.pValue(n, m, h), 1e-14, "n=" + n + " m=" + m + " h=" + h);
                }
            }
        }
    }

    /** atLeast[h] = number of the C(n+m, n) orderings whose walk reaches max |i m - j n| >= h. */
    private static long[] enumerateTail(int n, int m) {
        long[] maxCount = new long[n * m + 2];
        for (int mask = 0; mask < (1 << (n + m)); mask++) {
            if (Integer.bitCount(mask) != n) {
                continue;
            }
            int i = 0;
            int j = 0;
            int max = 0;
            for (int step = 0; step < n + m; step++) {
                if ((mask & (1 << step)) != 0) {
                    i++;
                } else {
                    j++;
                }
                max = Math.max(max, Math.abs(i * m - j * n));
            }
            maxCount[max]++;
        }
        long[] atLeast = new long[n * m + 2];
        for (int h = n * m; h >= 0; h--) {
            atLeast[h] = atLeast[h + 1] + maxCount[h];
        }
        return atLeast;
    }

    @Test
    void pValueShouldEqualGnedenkoKorolyukForEqualSamplesOf30() {
        int n = 30;
        BigInteger central = binomial(2 * n, n);
        for (int c = 1; c <= n; c++) {
            BigInteger alternating = BigInteger.ZERO;
            for (int k = 1; k * c <= n; k++) {
                BigInteger term = binomial(2 * n, n - k * c);
                alternating = k % 2 == 1 ? alternating.add(term) : alternating.subtract(term);
            }
            double expected = new java.math.BigDecimal(alternating.shiftLeft(1))
                    .divide(new java.math.BigDecimal(central), java.math.MathContext.DECIMAL64).doubleValue();
            double actual = KolmogorovSmirnov.pValue(n, n, (long) c * n);
            assertEquals(expected, actual, 1e-12 * Math.max(expected, 1e-300) + 1e-300, "c=" + c);
        }
    }

    private static BigInteger binomial(int n, int k) {
        BigInteger r = BigInteger.ONE;
        for (int i = 1; i <= k; i++) {
            r = r.multiply(BigInteger.valueOf(n - k + i)).divide(BigInteger.valueOf(i));
        }
        return r;
    }

    @Test
    void statisticShouldEqualLargestEcdfGapEvenWithTies() {
        Rng rng = new Rng(7);
        for (int trial = 0; trial < 500; trial++) {
            int n = 1 + rng.nextInt(12);
            int m = 1 + rng.nextInt(12);
            double[] a = new double[n];
            double[] b = new double[m];
            for (int i = 0; i < n; i++) {
                a[i] = rng.nextInt(5);
            }
            for (int j = 0; j < m; j++) {
                b[j] = rng.nextInt(5) + (trial % 3 == 0 ? 0.5 : 0.0);
            }
            long expected = 0;
            for (double v : concat(a, b)) {
                long below = Arrays.stream(a).filter(x -> x <= v).count() * m;
                long belowB = Arrays.stream(b).filter(x -> x <= v).count() * n;
                expected = Math.max(expected, Math.abs(below - belowB));
            }
            Arrays.sort(a);
            Arrays.sort(b);
            assertEquals(expected, KolmogorovSmirnov.scaledStatistic(a, n, b, m), "trial " + trial);
        }
    }

    private static double[] concat(double[] a, double[] b) {
        double[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void defaultKswinShouldNeedFourteenOfThirtyAtAlphaHalfPercent() {
        // Gnedenko-Korolyuk tail for n = 30: P(D >= 13/30) = 0.00655 > 0.005 >= P(D >= 14/30) = 0.00253.
        Kswin kswin = new Kswin();
        assertEquals(14.0 / 30, kswin.criticalStatistic(), 1e-15);
        assertEquals(0.0025300622, kswin.pValue(14.0 / 30), 1e-10);
        assertEquals(0.0065483964, kswin.pValue(13.0 / 30), 1e-10);
    }
}

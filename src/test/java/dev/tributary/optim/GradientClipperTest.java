package dev.tributary.optim;

import dev.tributary.util.Rng;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Global-norm clipping against exact arithmetic: the norm is checked against Σg² summed in
 * {@link BigDecimal}, the clipped vector's norm against the limit, and a non-finite gradient must be
 * reported without touching the buffer.
 */
class GradientClipperTest {

    static double exactNorm(float[] g) {
        BigDecimal sum = BigDecimal.ZERO;
        for (float x : g) {
            BigDecimal b = new BigDecimal(x);
            sum = sum.add(b.multiply(b));
        }
        return Math.sqrt(sum.doubleValue());
    }

    static float[] gaussian(int n, long seed, double scale) {
        Rng rng = new Rng(seed);
        float[] g = new float[n];
        for (int i = 0; i < n; i++) {
            g[i] = (float) (rng.nextGaussian() * scale);
        }
        return g;
    }

    @Test
    void shouldMeasureTheNormAsExactArithmeticDoesForEveryLength() {
        for (int n : new int[]{0, 1, 2, 3, 4, 5, 7, 8, 13, 1000, 12_345}) {
            float[] g = gaussian(n, n, 0.01);
            float[] before = g.clone();
            double norm = new GradientClipper(0).clip(g);
            assertEquals(exactNorm(before), norm, 1e-12 * Math.max(1, norm), "length " + n);
            assertArrayEquals(before, g, "clipping disabled leaves the gradient as it is");
        }
    }

    @Test
    void shouldScaleALongGradientDownToTheLimitAndLeaveAShortOneAlone() {
        float[] g = gaussian(12_345, 3, 1.0);
        double norm = new GradientClipper(5.0).clip(g);
        assertTrue(norm > 100, "the test gradient is long: " + norm);
        assertEquals(5.0, exactNorm(g), 1e-5);
        float[] shortOne = gaussian(100, 4, 0.01);
        float[] copy = shortOne.clone();
        new GradientClipper(5.0).clip(shortOne);
        assertArrayEquals(copy, shortOne);
    }

    @Test
    void shouldReportANonFiniteNormWithoutTouchingTheGradient() {
        float[] g = gaussian(101, 5, 1.0);
        g[97] = Float.NaN;
        float[] copy = g.clone();
        assertTrue(Double.isNaN(new GradientClipper(1.0).clip(g)));
        assertArrayEquals(copy, g);
        g[97] = Float.POSITIVE_INFINITY;
        assertTrue(Double.isInfinite(new GradientClipper(1.0).clip(g)));
    }
}

package dev.tributary.model;

import dev.tributary.util.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both GEMM backends against a naive double-precision triple loop, for every m, n, k in
 * {1, 3, 7, 8, 17, 33, 64} (vector-width multiples, tails and sizes below one vector), with A read
 * row-major and transposed, operands at offsets inside padded buffers, and accumulate on and off.
 * An element passes when {@code |c − c*| ≤ 1e-5·(|c₀| + Σ_p |a_ip·b_pj|)}, the scale of the rounding
 * error a float dot product can make; padding around C must stay untouched.
 */
class KernelsGemmTest {
    private static final int[] SIZES = {1, 3, 7, 8, 17, 33, 64};
    private static final double TOL = 1e-5;
    private static final float PAD = -12345f;

    @ParameterizedTest
    @ValueSource(strings = {"best", "scalar"})
    void shouldMatchNaiveDoubleProductForOddSizesStridesAndTransposes(String backend) {
        Kernels kernels = backend.equals("best") ? Kernels.best() : Kernels.scalar();
        Rng rng = new Rng(99);
        int checked = 0;
        for (int m : SIZES) {
            for (int n : SIZES) {
                for (int k : SIZES) {
                    for (boolean transposed : new boolean[]{false, true}) {
                        for (boolean accumulate : new boolean[]{false, true}) {
                            check(kernels, rng, m, n, k, transposed, accumulate);
                            checked++;
                        }
                    }
                }
            }
        }
        assertEquals(SIZES.length * SIZES.length * SIZES.length * 4, checked);
    }

    @Test
    void shouldPickTheVectorBackendWhenItsModuleIsPresent() {
        boolean vector = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                && !"scalar".equals(System.getProperty("tributary.kernels"));
        assertSame(vector ? VectorKernels.INSTANCE : ScalarKernels.INSTANCE, Kernels.best());
    }

    private static void check(Kernels kernels, Rng rng, int m, int n, int k, boolean transposed,
                              boolean accumulate) {
        // A(i,p) = a[aOff + i·sM + p·sK]: row-major with row padding, or stored transposed (k × m, padded).
        int aOff = 5;
        int sM = transposed ? 1 : k + 3;
        int sK = transposed ? m + 2 : 1;
        float[] a = random(rng, aOff + (transposed ? k * sK : m * sM) + 4);
        int bOff = 2;
        int ldb = n + 1;
        float[] b = random(rng, bOff + k * ldb + 3);
        int cOff = 3;
        int ldc = n + 2;
        float[] c = new float[cOff + m * ldc + 3];
        java.util.Arrays.fill(c, PAD);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                c[cOff + i * ldc + j] = (float) rng.nextGaussian();
            }
        }
        float[] c0 = c.clone();
        kernels.gemm(m, n, k, a, aOff, sM, sK, b, bOff, ldb, c, cOff, ldc, accumulate);
        String where = String.format("m=%d n=%d k=%d transposed=%b accumulate=%b", m, n, k, transposed, accumulate);
        for (int idx = 0; idx < c.length; idx++) {
            int rel = idx - cOff;
            boolean inside = rel >= 0 && rel / ldc < m && rel % ldc < n;
            if (!inside) {
                assertEquals(c0[idx], c[idx], 0f, where + ": padding at " + idx + " was written");
            }
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double start = accumulate ? c0[cOff + i * ldc + j] : 0.0;
                double sum = start;
                double scale = Math.abs(start);
                for (int p = 0; p < k; p++) {
                    double term = (double) a[aOff + i * sM + p * sK] * b[bOff + p * ldb + j];
                    sum += term;
                    scale += Math.abs(term);
                }
                float got = c[cOff + i * ldc + j];
                assertTrue(Math.abs(got - sum) <= TOL * scale,
                        where + ": C(" + i + "," + j + ") = " + got + ", expected " + sum);
            }
        }
    }

    private static float[] random(Rng rng, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        return x;
    }
}

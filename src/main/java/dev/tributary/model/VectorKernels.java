package dev.tributary.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Kernels} on the JDK Vector API with register blocking: two rows of C by four vectors of
 * columns are held in registers while the k loop streams one row of B, so each loaded B vector feeds
 * two fused multiply-adds. Column tails narrower than a vector fall back to scalar loops.
 */
final class VectorKernels implements Kernels {
    static final VectorKernels INSTANCE = new VectorKernels();
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorKernels() {
    }

    @Override
    public void gemm(int m, int n, int k, float[] a, int aOff, int aStrideM, int aStrideK,
                     float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
        int vectorColumns = n / L * L;
        if (!accumulate && vectorColumns > 0) {
            // The blocks always start from C: zero it first, so that no vector value is chosen between a
            // load and a zero (C2 boxes vectors that merge from two paths, and allocates on every call).
            for (int i = 0; i < m; i++) {
                java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + vectorColumns, 0f);
            }
        }
        int j = 0;
        for (; j + 4 * L <= n; j += 4 * L) {
            int i = 0;
            for (; i + 2 <= m; i += 2) {
                block2x4(i, j, k, a, aOff, aStrideM, aStrideK, b, bOff, ldb, c, cOff, ldc);
            }
            if (i < m) {
                block1x4(i, j, k, a, aOff, aStrideM, aStrideK, b, bOff, ldb, c, cOff, ldc);
            }
        }
        for (; j + 2 * L <= n; j += 2 * L) {
            for (int i = 0; i < m; i++) {
                block1x2(i, j, k, a, aOff, aStrideM, aStrideK, b, bOff, ldb, c, cOff, ldc);
            }
        }
        for (; j + L <= n; j += L) {
            for (int i = 0; i < m; i++) {
                block1x1(i, j, k, a, aOff, aStrideM, aStrideK, b, bOff, ldb, c, cOff, ldc);
            }
        }
        if (j < n) {
            scalarColumns(m, j, n, k, a, aOff, aStrideM, aStrideK, b, bOff, ldb, c, cOff, ldc, accumulate);
        }
    }

    /** Two rows of C by four vectors of columns, accumulated into C. */
    private static void block2x4(int i, int j, int k, float[] a, int aOff, int aStrideM, int aStrideK,
                                 float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        int c0 = cOff + i * ldc + j;
        int c1 = c0 + ldc;
        FloatVector r00 = FloatVector.fromArray(S, c, c0);
        FloatVector r01 = FloatVector.fromArray(S, c, c0 + L);
        FloatVector r02 = FloatVector.fromArray(S, c, c0 + 2 * L);
        FloatVector r03 = FloatVector.fromArray(S, c, c0 + 3 * L);
        FloatVector r10 = FloatVector.fromArray(S, c, c1);
        FloatVector r11 = FloatVector.fromArray(S, c, c1 + L);
        FloatVector r12 = FloatVector.fromArray(S, c, c1 + 2 * L);
        FloatVector r13 = FloatVector.fromArray(S, c, c1 + 3 * L);
        int a0 = aOff + i * aStrideM;
        int a1 = a0 + aStrideM;
        int bRow = bOff + j;
        for (int p = 0; p < k; p++) {
            FloatVector x0 = FloatVector.broadcast(S, a[a0 + p * aStrideK]);
            FloatVector x1 = FloatVector.broadcast(S, a[a1 + p * aStrideK]);
            FloatVector w0 = FloatVector.fromArray(S, b, bRow);
            FloatVector w1 = FloatVector.fromArray(S, b, bRow + L);
            FloatVector w2 = FloatVector.fromArray(S, b, bRow + 2 * L);
            FloatVector w3 = FloatVector.fromArray(S, b, bRow + 3 * L);
            r00 = w0.fma(x0, r00);
            r01 = w1.fma(x0, r01);
            r02 = w2.fma(x0, r02);
            r03 = w3.fma(x0, r03);
            r10 = w0.fma(x1, r10);
            r11 = w1.fma(x1, r11);
            r12 = w2.fma(x1, r12);
            r13 = w3.fma(x1, r13);
            bRow += ldb;
        }
        r00.intoArray(c, c0);
        r01.intoArray(c, c0 + L);
        r02.intoArray(c, c0 + 2 * L);
        r03.intoArray(c, c0 + 3 * L);
        r10.intoArray(c, c1);
        r11.intoArray(c, c1 + L);
        r12.intoArray(c, c1 + 2 * L);
        r13.intoArray(c, c1 + 3 * L);
    }

    /** One row of C by four vectors of columns (the odd last row), accumulated into C. */
    private static void block1x4(int i, int j, int k, float[] a, int aOff, int aStrideM, int aStrideK,
                                 float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        int c0 = cOff + i * ldc + j;
        FloatVector r0 = FloatVector.fromArray(S, c, c0);
        FloatVector r1 = FloatVector.fromArray(S, c, c0 + L);
        FloatVector r2 = FloatVector.fromArray(S, c, c0 + 2 * L);
        FloatVector r3 = FloatVector.fromArray(S, c, c0 + 3 * L);
        int a0 = aOff + i * aStrideM;
        int bRow = bOff + j;
        for (int p = 0; p < k; p++) {
            FloatVector x0 = FloatVector.broadcast(S, a[a0 + p * aStrideK]);
            r0 = FloatVector.fromArray(S, b, bRow).fma(x0, r0);
            r1 = FloatVector.fromArray(S, b, bRow + L).fma(x0, r1);
            r2 = FloatVector.fromArray(S, b, bRow + 2 * L).fma(x0, r2);
            r3 = FloatVector.fromArray(S, b, bRow + 3 * L).fma(x0, r3);
            bRow += ldb;
        }
        r0.intoArray(c, c0);
        r1.intoArray(c, c0 + L);
        r2.intoArray(c, c0 + 2 * L);
        r3.intoArray(c, c0 + 3 * L);
    }

    /** One row of C by two vectors of columns (e.g. 16-wide tower layers), accumulated into C. */
    private static void block1x2(int i, int j, int k, float[] a, int aOff, int aStrideM, int aStrideK,
                                 float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        int c0 = cOff + i * ldc + j;
        FloatVector r0 = FloatVector.fromArray(S, c, c0);
        FloatVector r1 = FloatVector.fromArray(S, c, c0 + L);
        int a0 = aOff + i * aStrideM;
        int bRow = bOff + j;
        for (int p = 0; p < k; p++) {
            FloatVector x0 = FloatVector.broadcast(S, a[a0 + p * aStrideK]);
            r0 = FloatVector.fromArray(S, b, bRow).fma(x0, r0);
            r1 = FloatVector.fromArray(S, b, bRow + L).fma(x0, r1);
            bRow += ldb;
        }
        r0.intoArray(c, c0);
        r1.intoArray(c, c0 + L);
    }

    /** One row of C by one vector of columns, accumulated into C. */
    private static void block1x1(int i, int j, int k, float[] a, int aOff, int aStrideM, int aStrideK,
                                 float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        int c0 = cOff + i * ldc + j;
        FloatVector r0 = FloatVector.fromArray(S, c, c0);
        int a0 = aOff + i * aStrideM;
        int bRow = bOff + j;
        for (int p = 0; p < k; p++) {
            r0 = FloatVector.fromArray(S, b, bRow).fma(FloatVector.broadcast(S, a[a0 + p * aStrideK]), r0);
            bRow += ldb;
        }
        r0.intoArray(c, c0);
    }

    /**
     * The columns left over after the vector blocks (fewer than a vector's lanes: gate logits, tower
     * outputs). Four rows at a time share each B load and run four independent multiply-add chains;
     * every sum still adds its terms in the same order as the plain loop, so the bits do not change.
     */
    private static void scalarColumns(int m, int from, int to, int k, float[] a, int aOff, int aStrideM,
                                      int aStrideK, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc,
                                      boolean accumulate) {
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            int a0 = aOff + i * aStrideM;
            int a1 = a0 + aStrideM;
            int a2 = a1 + aStrideM;
            int a3 = a2 + aStrideM;
            int c0 = cOff + i * ldc;
            for (int j = from; j < to; j++) {
                float s0 = accumulate ? c[c0 + j] : 0f;
                float s1 = accumulate ? c[c0 + ldc + j] : 0f;
                float s2 = accumulate ? c[c0 + 2 * ldc + j] : 0f;
                float s3 = accumulate ? c[c0 + 3 * ldc + j] : 0f;
                int bIdx = bOff + j;
                int ap = 0;
                for (int p = 0; p < k; p++) {
                    float bv = b[bIdx];
                    s0 = Math.fma(a[a0 + ap], bv, s0);
                    s1 = Math.fma(a[a1 + ap], bv, s1);
                    s2 = Math.fma(a[a2 + ap], bv, s2);
                    s3 = Math.fma(a[a3 + ap], bv, s3);
                    bIdx += ldb;
                    ap += aStrideK;
                }
                c[c0 + j] = s0;
                c[c0 + ldc + j] = s1;
                c[c0 + 2 * ldc + j] = s2;
                c[c0 + 3 * ldc + j] = s3;
            }
        }
        for (; i < m; i++) {
            int cRow = cOff + i * ldc;
            int aRow = aOff + i * aStrideM;
            for (int j = from; j < to; j++) {
                float sum = accumulate ? c[cRow + j] : 0f;
                int bIdx = bOff + j;
                for (int p = 0; p < k; p++) {
                    sum = Math.fma(a[aRow + p * aStrideK], b[bIdx], sum);
                    bIdx += ldb;
                }
                c[cRow + j] = sum;
            }
        }
    }
}

package dev.tributary.model;

/**
 * Plain Java loops, ordered so that the innermost loop runs along contiguous rows of B and C (the JIT
 * can auto-vectorise it). The reference backend, and the fallback when the Vector API module is not
 * on the module path.
 */
final class ScalarKernels implements Kernels {
    static final ScalarKernels INSTANCE = new ScalarKernels();

    private ScalarKernels() {
    }

    @Override
    public void gemm(int m, int n, int k, float[] a, int aOff, int aStrideM, int aStrideK,
                     float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            int cRow = cOff + i * ldc;
            if (!accumulate) {
                java.util.Arrays.fill(c, cRow, cRow + n, 0f);
            }
            int aRow = aOff + i * aStrideM;
            for (int p = 0; p < k; p++) {
                float av = a[aRow + p * aStrideK];
                if (av == 0f) {
                    continue;
                }
                int bRow = bOff + p * ldb;
                for (int j = 0; j < n; j++) {
                    c[cRow + j] += av * b[bRow + j];
                }
            }
        }
    }
}

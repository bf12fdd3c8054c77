package dev.tributary.model;

/**
 * The one compute primitive the layers need: a small dense matrix product on flat {@code float[]}
 * buffers, {@code C (+)= A·B}. Forward passes, weight gradients and input gradients of every dense
 * layer are all this product with different strides, so a faster backend only has to implement it
 * (DESIGN.md §4.1).
 *
 * <p>Matrices are addressed by offset and strides into arrays that may hold many other things:
 * {@code A(m,k) = a[aOff + m·aStrideM + k·aStrideK]}, {@code B(k,n) = b[bOff + k·ldb + n]},
 * {@code C(m,n) = c[cOff + m·ldc + n]}. B and C rows are contiguous; A may be read transposed.
 * Implementations are stateless and thread-safe, and give the same bits for the same inputs on the
 * same machine.
 */
public interface Kernels {

    /**
     * {@code C = A·B} ({@code accumulate == false}) or {@code C += A·B}.
     *
     * @param m rows of A and C
     * @param n columns of B and C
     * @param k columns of A, rows of B
     */
    void gemm(int m, int n, int k,
              float[] a, int aOff, int aStrideM, int aStrideK,
              float[] b, int bOff, int ldb,
              float[] c, int cOff, int ldc,
              boolean accumulate);

    /** The fastest backend available in this JVM: the Vector API when its module is present. */
    static Kernels best() {
        return KernelsHolder.BEST;
    }

    /** The plain-loop reference backend. */
    static Kernels scalar() {
        return ScalarKernels.INSTANCE;
    }
}

package dev.tributary.model;

/** Chooses the backend once: the Vector API if {@code jdk.incubator.vector} is resolved, else scalar loops. */
final class KernelsHolder {
    static final Kernels BEST = choose();

    private KernelsHolder() {
    }

    private static Kernels choose() {
        if ("scalar".equals(System.getProperty("tributary.kernels"))) {
            return ScalarKernels.INSTANCE;
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return ScalarKernels.INSTANCE;
        }
        return VectorKernels.INSTANCE;
    }
}

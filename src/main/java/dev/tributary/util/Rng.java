package dev.tributary.util;

/**
 * A small, fast, seedable random number generator whose whole state is one {@code long}, so that it
 * can be checkpointed and restored exactly (SplitMix64, Steele, Lea &amp; Flood, "Fast splittable
 * pseudorandom number generators", OOPSLA 2014).
 *
 * <p>Every random decision in Tributary (initialisation, expert dropout, task sampling, reservoir
 * replacement, synthetic data) draws from an {@code Rng} so that the same seed and the same event
 * order give bit-identical results. Not thread-safe.
 */
public final class Rng {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private long state;

    public Rng(long seed) {
        this.state = seed;
    }

    /** A generator for a named sub-stream, independent of this one's future draws. */
    public static Rng derive(long seed, String stream) {
        return new Rng(mix64(seed ^ mix64(stream.hashCode() * GOLDEN_GAMMA)));
    }

    public long state() {
        return state;
    }

    public void setState(long state) {
        this.state = state;
    }

    public long nextLong() {
        return mix64(state += GOLDEN_GAMMA);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, 1) with 24 random bits. */
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    /** Uniform in [0, bound); {@code bound} must be positive. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, found " + bound);
        }
        // Lemire's multiply-shift with rejection, unbiased.
        long m = (nextLong() >>> 32) * bound;
        long low = m & 0xFFFFFFFFL;
        if (low < bound) {
            long threshold = (0x100000000L - bound) % bound;
            while (low < threshold) {
                m = (nextLong() >>> 32) * bound;
                low = m & 0xFFFFFFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    /** Standard normal by the Box-Muller transform (two uniforms a draw, nothing cached). */
    public double nextGaussian() {
        double u1 = 1.0 - nextDouble(); // (0, 1]
        double u2 = nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

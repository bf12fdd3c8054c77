package dev.tributary.util;

import java.util.concurrent.locks.LockSupport;

/**
 * Keeps a loop at a steady rate: {@link #await(long)} returns when the {@code n}-th item (0-based) is
 * due, {@code n / rate} seconds after the pacer was created. The schedule is absolute, so a loop that
 * falls behind catches up at once and the average rate holds. A rate of 0 means unlimited.
 */
public final class Pacer {
    private final double nanosPerItem;
    private final long start = System.nanoTime();

    /** @param rate items per second; 0 for unlimited */
    public Pacer(double rate) {
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate must be a finite number >= 0 (0 = unlimited), found " + rate);
        }
        this.nanosPerItem = rate == 0 ? 0 : 1e9 / rate;
    }

    /** Waits until item {@code n} is due. */
    public void await(long n) {
        if (nanosPerItem == 0) {
            return;
        }
        long due = start + (long) (n * nanosPerItem);
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }
}

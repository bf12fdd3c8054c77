package dev.tributary.sampling;

import dev.tributary.util.Rng;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReservoirTest {
    /** Chi-square critical values at p = 0.001. */
    private static final double CHI2_19_DF = 43.82;
    private static final double CHI2_9_DF = 27.88;

    @Test
    void shouldKeepEachOfNItemsWithProbabilityKOverN() {
        int n = 20;
        int k = 5;
        int runs = 20_000;
        long[] kept = new long[n];
        for (int run = 0; run < runs; run++) {
            Reservoir<Integer> reservoir = new Reservoir<>(k, new Rng(run));
            for (int i = 0; i < n; i++) {
                reservoir.offer(i);
            }
            assertEquals(k, reservoir.size());
            Set<Integer> distinct = new HashSet<>();
            for (int j = 0; j < k; j++) {
                distinct.add(reservoir.get(j));
            }
            assertEquals(k, distinct.size(), "a reservoir holds each item at most once");
            distinct.forEach(item -> kept[item]++);
        }
        double expected = (double) runs * k / n;
        double chi2 = 0;
        for (long count : kept) {
            chi2 += (count - expected) * (count - expected) / expected;
        }
        assertTrue(chi2 < CHI2_19_DF, "chi-square " + chi2 + " for kept counts " + java.util.Arrays.toString(kept));
    }

    @Test
    void shouldKeepEverythingUntilFullAndCountWhatItSaw() {
        Reservoir<String> reservoir = new Reservoir<>(4, new Rng(1));
        for (String item : List.of("w", "x", "y")) {
            reservoir.offer(item);
        }
        assertEquals(3, reservoir.size());
        assertEquals(List.of("w", "x", "y"), List.of(reservoir.get(0), reservoir.get(1), reservoir.get(2)));
        assertEquals(3, reservoir.seen());
    }

    @Test
    void shouldHoldNothingWithCapacityZero() {
        Reservoir<Integer> reservoir = new Reservoir<>(0, new Rng(1));
        for (int i = 0; i < 100; i++) {
            reservoir.offer(i);
        }
        assertEquals(0, reservoir.size());
        assertEquals(100, reservoir.seen());
    }

    @Test
    void shouldDrawUniformlyBelowBoundsBeyondIntRange() {
        long bound = 5_000_000_017L; // more items than an int can count
        Rng rng = new Rng(3);
        long[] buckets = new long[10];
        int draws = 100_000;
        for (int i = 0; i < draws; i++) {
            long r = Reservoir.uniformLong(rng, bound);
            assertTrue(r >= 0 && r < bound, "draw " + r);
            buckets[(int) (r / (bound / 10 + 1))]++;
        }
        double expected = draws / 10.0;
        double chi2 = 0;
        for (long count : buckets) {
            chi2 += (count - expected) * (count - expected) / expected;
        }
        assertTrue(chi2 < CHI2_9_DF, "chi-square " + chi2);
    }
}

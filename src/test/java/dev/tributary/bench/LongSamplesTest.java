package dev.tributary.bench;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LongSamplesTest {

    @Test
    void shouldGiveNearestRankPercentilesOfOneToHundred() {
        LongSamples s = new LongSamples();
        for (long v = 100; v >= 1; v--) {
            s.add(v);
        }
        assertEquals(50, s.percentile(50));
        assertEquals(7, s.percentile(7), "rank 7 exactly, not 8 from 0.07·100 = 7.000000000000001");
        assertEquals(99, s.percentile(99));
        assertEquals(100, s.percentile(100));
        assertEquals(Map.of("count", 100, "p50", 50L, "p90", 90L, "p99", 99L, "max", 100L), s.summary());
    }

    @Test
    void shouldMatchSortingByHandOnAnOddSizedSample() {
        long[] values = {12, 3, 7, 7, 40, 1, 9};
        LongSamples s = new LongSamples();
        Arrays.stream(values).forEach(s::add);
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        // ranks ceil(p/100 · 7): p50 → 4, p90 → 7, p10 → 1
        assertEquals(sorted[3], s.percentile(50));
        assertEquals(sorted[6], s.percentile(90));
        assertEquals(sorted[0], s.percentile(10));
    }

    @Test
    void shouldLeaveOutTheWarmUpInArrivalOrder() {
        LongSamples s = new LongSamples();
        for (int i = 0; i < 3000; i++) {
            s.add(i < 1000 ? 500 : 5);
        }
        LongSamples steady = s.from(1000);
        assertEquals(2000, steady.size());
        assertEquals(5, steady.percentile(100));
        assertEquals(500, s.percentile(100));
    }

    @Test
    void shouldRefuseAPercentileOfNoSamplesOrOutOfRange() {
        assertEquals(Map.of("count", 0), new LongSamples().summary());
        assertThrows(IllegalStateException.class, () -> new LongSamples().percentile(50));
        LongSamples s = new LongSamples();
        s.add(1);
        assertThrows(IllegalArgumentException.class, () -> s.percentile(0));
    }
}

package dev.tributary.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A growable list of {@code long} samples (latencies in milliseconds) and their nearest-rank
 * percentiles: the p-th percentile of n sorted values is the value at rank {@code ceil(p/100 · n)}
 * (1-based), so every reported percentile is an observed value. Not thread-safe.
 */
final class LongSamples {
    private long[] values = new long[1024];
    private int size;

    void add(long v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    int size() {
        return size;
    }

    /** The samples from index {@code from} on (in arrival order), e.g. to leave out a warm-up. */
    LongSamples from(int from) {
        if (from < 0) {
            throw new IllegalArgumentException("from must not be negative, found " + from);
        }
        LongSamples out = new LongSamples();
        for (int i = from; i < size; i++) {
            out.add(values[i]);
        }
        return out;
    }

    /** The nearest-rank {@code p}-th percentile, {@code 0 < p <= 100}; fails when there are no samples. */
    long percentile(double p) {
        return percentiles(p)[0];
    }

    private long[] percentiles(double... ps) {
        if (size == 0) {
            throw new IllegalStateException("no samples");
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        long[] out = new long[ps.length];
        for (int i = 0; i < ps.length; i++) {
            if (!(ps[i] > 0 && ps[i] <= 100)) {
                throw new IllegalArgumentException("percentile must be in (0, 100], found " + ps[i]);
            }
            // p·n first: exact for whole p, so a rank like 7.0 never becomes 7.000000000000001
            int rank = (int) Math.ceil(ps[i] * size / 100.0);
            out[i] = sorted[Math.max(rank, 1) - 1];
        }
        return out;
    }

    /** {@code count, p50, p90, p99, max} (an empty map with count 0 when there are no samples). */
    Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", size);
        if (size > 0) {
            long[] p = percentiles(50, 90, 99, 100);
            m.put("p50", p[0]);
            m.put("p90", p[1]);
            m.put("p99", p[2]);
            m.put("max", p[3]);
        }
        return m;
    }
}

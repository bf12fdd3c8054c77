package dev.tributary.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SoakSummaryTest {

    @Test
    void shouldFitTheSlopeOfALineExactlyAndLeaveOutTheWarmUp() {
        List<Soak.Sample> samples = new ArrayList<>();
        for (int i = 0; i <= 40; i++) {
            double t = 30.0 * i;
            // RSS grows 2 MB per minute during the first 5 minutes, then 1 MB per hour from 500 MB.
            long rss = (long) ((t < 300 ? 300 + 2 * t / 60 : 500 + (t - 300) / 3600) * 1e6);
            long lag = t < 200 ? 50_000 : 10; // caught up at 200 s
            samples.add(new Soak.Sample(t, i * 1000L, rss, 100_000_000, 50_000_000, lag));
        }
        List<Soak.Sample> after = SoakSummary.afterWarmUp(samples, 1000);
        assertEquals(210.0, after.get(0).seconds(), "warm-up: until the lag is under one second of input");
        assertEquals(List.of(), SoakSummary.afterWarmUp(samples.subList(0, 6), 1000), "never caught up");
        List<Soak.Sample> early = List.of(new Soak.Sample(30, 1, 1, 1, 1, 0), new Soak.Sample(90, 1, 1, 1, 1, 0));
        assertEquals(90.0, SoakSummary.afterWarmUp(early, 1000).get(0).seconds(), "at least a minute of warm-up");
        SoakSummary.Trend tail = SoakSummary.trend(after.stream().filter(x -> x.seconds() >= 300).toList(),
                x -> x.residentBytes() / 1e6);
        assertEquals(1.0, tail.slopePerHour(), 1e-3, "closed form: 1 MB/h");
        SoakSummary.Trend store = SoakSummary.trend(after, x -> x.storeBytes() / 1e6);
        assertEquals(0.0, store.slopePerHour(), 1e-12);
        assertEquals(50.0, store.mean(), 1e-12);
        assertEquals(0.0, store.relativeDrift(), 1e-12);
    }
}

package dev.tributary.bench;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * What a soak shows: per measure, its range after warm-up and its trend (least-squares slope), so
 * that "flat" is a number; and whether every record had exactly one output.
 */
public final class SoakSummary {
    /** The warm-up lasts at least this long (JVM start, first rebalance, JIT compilation). */
    static final double WARM_UP_SECONDS = 60;

    private SoakSummary() {
    }

    /** Range and trend of one measure over the samples after warm-up. */
    public record Trend(double min, double max, double mean, double slopePerHour, double spanSeconds) {
        /** The fitted change over the post-warm-up span as a share of the mean. */
        public double relativeDrift() {
            return mean == 0 ? 0 : slopePerHour * spanSeconds / 3600 / mean;
        }
    }

    /**
     * The samples after warm-up: from the first one, at least {@value #WARM_UP_SECONDS} s in, at which
     * the application had caught up (lag at most one second of input, {@code rate} records). Empty
     * when it never caught up.
     */
    public static List<Soak.Sample> afterWarmUp(List<Soak.Sample> samples, double rate) {
        for (int i = 0; i < samples.size(); i++) {
            Soak.Sample x = samples.get(i);
            if (x.seconds() >= WARM_UP_SECONDS && x.lag() >= 0 && x.lag() <= rate) {
                return samples.subList(i, samples.size());
            }
        }
        return List.of();
    }

    /** Trend of {@code f} over {@code samples} (at least two). */
    public static Trend trend(List<Soak.Sample> samples, ToDoubleFunction<Soak.Sample> f) {
        int n = samples.size();
        if (n < 2) {
            throw new IllegalArgumentException("a trend needs two samples, found " + n);
        }
        double sx = 0;
        double sy = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Soak.Sample x : samples) {
            double y = f.applyAsDouble(x);
            sx += x.seconds();
            sy += y;
            min = Math.min(min, y);
            max = Math.max(max, y);
        }
        double mx = sx / n;
        double my = sy / n;
        double sxy = 0;
        double sxx = 0;
        for (Soak.Sample x : samples) {
            double dx = x.seconds() - mx;
            sxy += dx * (f.applyAsDouble(x) - my);
            sxx += dx * dx;
        }
        double slope = sxx == 0 ? 0 : sxy / sxx;
        double span = samples.get(n - 1).seconds() - samples.get(0).seconds();
        return new Trend(min, max, my, slope * 3600, span);
    }

    /** The report printed at the end of a soak. */
    public static String text(Soak.Result r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "soak: %,d records (%,d bad) in %.0f s; per task (good) %s%n", r.records(),
                r.bad(), r.seconds(), java.util.Arrays.toString(r.perTask())));
        b.append(String.format(Locale.ROOT, "outputs: %,d predictions, %,d dead letters %s%n", r.predictions(),
                r.deadLetters(), r.reasons()));
        b.append(r.exactlyOnce() ? "exactly once: every record has exactly one prediction or dead letter\n"
                : String.format(Locale.ROOT, "NOT exactly once: %,d records without an output, %,d with more than one%n",
                        r.missing(), r.duplicated()));
        List<Soak.Sample> after = afterWarmUp(r.samples(), r.rate());
        if (after.size() < 2) {
            b.append(after.isEmpty() && !r.samples().isEmpty() && r.samples().get(r.samples().size() - 1).seconds()
                    >= WARM_UP_SECONDS ? "the application never caught up with the stream: lower --rate\n"
                    : "too few samples after warm-up for a trend: run longer or sample more often\n");
        } else {
            b.append(String.format(Locale.ROOT, "after warm-up (from %.0f s, when the lag first fell below one second"
                    + " of input; %d samples):%n", after.get(0).seconds(), after.size()));
            line(b, "resident memory", "MB", trend(after, x -> x.residentBytes() / 1e6));
            line(b, "live heap", "MB", trend(after, x -> x.liveHeapBytes() / 1e6));
            line(b, "state directory", "MB", trend(after, x -> x.storeBytes() / 1e6));
            line(b, "consumer lag", "records", trend(after, x -> x.lag()));
        }
        if (!r.heapGrowth().isEmpty()) {
            b.append("live heap, the classes that grew most after warm-up:");
            r.heapGrowth().forEach(e -> b.append(String.format(Locale.ROOT, " %s %+,.1f KB", e.getKey(), e.getValue() / 1e3)));
            b.append('\n');
        }
        b.append("samples: ").append(r.csv()).append("\nchart: ").append(r.chart()).append('\n');
        return b.toString();
    }

    private static void line(StringBuilder b, String what, String unit, Trend t) {
        b.append(String.format(Locale.ROOT, "  %-16s %,10.1f to %,10.1f %s (mean %,.1f), trend %+,.1f %s/h (%+.1f%% of the"
                + " mean over %.0f s)%n", what, t.min(), t.max(), unit, t.mean(), t.slopePerHour(), unit,
                100 * t.relativeDrift(), t.spanSeconds()));
    }
}

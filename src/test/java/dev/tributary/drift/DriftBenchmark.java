package dev.tributary.drift;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;

/**
 * Measures each detector's detection delay, missed detections and false-alarm rate on seeded
 * streams and prints the Markdown table of {@code docs/drift.md}. Run it with
 * {@code mvn -B -o test -Dtest=DriftBenchmarkTest -Dsurefire.excludedGroups=none}.
 */
final class DriftBenchmark {
    static final int RUNS = 30;
    static final int SHIFT_AT = 5_000;
    static final int AFTER_SHIFT = 2_000;
    static final int STATIONARY = 100_000;

    /** One detector's numbers: delays (post-shift observations up to the detection) of the runs that detected. */
    record Row(String name, long[] bernoulliDelays, int bernoulliMissed, long[] gaussianDelays, int gaussianMissed,
               double falseAlarmsPer100k, int runsWithFalseAlarm, double gaussianFalseAlarmsPer100k) {
    }

    private DriftBenchmark() {
    }

    static List<Row> measure() {
        return List.of(
                measure("ADWIN (delta 0.002)", seed -> new Adwin()),
                measure("Page-Hinkley (defaults)", seed -> new PageHinkley()),
                measure("KSWIN (defaults)", Kswin::new));
    }

    static Row measure(String name, LongFunction<DriftDetector> factory) {
        long[] bernoulli = new long[RUNS];
        long[] gaussian = new long[RUNS];
        int bernoulliFound = 0;
        int gaussianFound = 0;
        long falseAlarms = 0;
        int runsWithFalseAlarm = 0;
        long gaussianFalseAlarms = 0;
        for (int run = 0; run < RUNS; run++) {
            long seed = 1_000 + run;
            long delay = firstDelay(factory.apply(seed), Streams.abrupt(seed, SHIFT_AT + AFTER_SHIFT, SHIFT_AT, 0.2, 0.5));
            if (delay > 0) {
                bernoulli[bernoulliFound++] = delay;
            }
            delay = firstDelay(factory.apply(seed),
                    Streams.gaussian(seed, SHIFT_AT + AFTER_SHIFT, t -> t < SHIFT_AT ? 0.0 : 1.0, 1.0));
            if (delay > 0) {
                gaussian[gaussianFound++] = delay;
            }
            int alarms = Streams.detections(factory.apply(seed), Streams.bernoulli(seed, STATIONARY, t -> 0.2)).size();
            falseAlarms += alarms;
            runsWithFalseAlarm += alarms > 0 ? 1 : 0;
            gaussianFalseAlarms += Streams.detections(factory.apply(seed), Streams.gaussian(seed, STATIONARY, t -> 0.0, 1.0)).size();
        }
        return new Row(name, Arrays.copyOf(bernoulli, bernoulliFound), RUNS - bernoulliFound,
                Arrays.copyOf(gaussian, gaussianFound), RUNS - gaussianFound,
                falseAlarms * 100_000.0 / ((double) RUNS * STATIONARY), runsWithFalseAlarm,
                gaussianFalseAlarms * 100_000.0 / ((double) RUNS * STATIONARY));
    }

    /** Post-shift observations up to the first detection after the shift, or 0 if none. */
    private static long firstDelay(DriftDetector detector, double[] xs) {
        for (long position : Streams.detections(detector, xs)) {
            if (position > SHIFT_AT) {
                return position - SHIFT_AT;
            }
        }
        return 0;
    }

    static String table(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| detector | 0/1 errors 0.2 → 0.5: mean delay (median, max) | missed | ")
                .append("N(0,1) → N(1,1): mean delay (median, max) | missed | ")
                .append("false alarms per 100k, Bernoulli(0.2) | runs with any false alarm | ")
                .append("false alarms per 100k, N(0,1) |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %d / %d | %s | %d / %d | %.2f | %d / %d | %.1f |%n",
                    row.name(), delays(row.bernoulliDelays()), row.bernoulliMissed(), RUNS,
                    delays(row.gaussianDelays()), row.gaussianMissed(), RUNS,
                    row.falseAlarmsPer100k(), row.runsWithFalseAlarm(), RUNS, row.gaussianFalseAlarmsPer100k()));
        }
        return out.toString();
    }

    private static String delays(long[] delays) {
        if (delays.length == 0) {
            return "–";
        }
        long[] sorted = delays.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElseThrow();
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
        return String.format(Locale.ROOT, "%.1f (%.0f, %d)", mean, median, sorted[sorted.length - 1]);
    }

    public static void main(String[] args) {
        System.out.print(table(measure()));
    }
}

package dev.tributary.eval;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the per-kind metrics share: a ring of the last {@code window} events reduced to per-column
 * contributions ({@link SlidingSums}), the counts, and each mean published twice, since the start and
 * over the window.
 */
abstract class WindowedMetrics implements TaskMetrics {
    final SlidingSums sums;

    WindowedMetrics(int window, int columns) {
        SlidingSums.requirePositive(window, "window");
        this.sums = new SlidingSums(window, columns, this::contributions);
    }

    /** The contributions of the event in ring slot {@code slot}, one per column. */
    abstract void contributions(int slot, double[] out);

    @Override
    public final int window() {
        return sums.window();
    }

    @Override
    public final long count() {
        return sums.count();
    }

    /** A new snapshot holding the counts, since the start and in the window. */
    final Map<String, Double> countsSnapshot() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(COUNT, (double) sums.count());
        m.put(TaskMetrics.windowed(COUNT), (double) sums.size());
        return m;
    }

    /** Puts the mean of {@code column} as {@code name} (since the start) and windowed. */
    final void putMeans(Map<String, Double> m, String name, int column) {
        m.put(name, sums.totalMean(column));
        m.put(TaskMetrics.windowed(name), sums.windowMean(column));
    }
}

package dev.tributary.monitor;

import dev.tributary.records.MonitorRecord;
import dev.tributary.eval.TaskMetrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One task's history in a {@link Timeline}: its distinct metrics records and its drift alerts, in
 * arrival order, with the series a chart needs derived from them.
 */
public final class TaskSeries {
    private final String name;
    private final List<MonitorRecord.Metrics> points = new ArrayList<>();
    private final List<MonitorRecord.Drift> drifts = new ArrayList<>();
    private boolean sorted = true;

    TaskSeries(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /** Keeps {@code m} unless it repeats the previous record; returns whether it was kept. */
    boolean add(MonitorRecord.Metrics m) {
        if (!points.isEmpty()) {
            MonitorRecord.Metrics last = points.get(points.size() - 1);
            if (last.modelVersion() == m.modelVersion() && last.consumed() == m.consumed()) {
                return false;
            }
        }
        sorted &= points.isEmpty() || points.get(points.size() - 1).ts() <= m.ts();
        points.add(m);
        return true;
    }

    void add(MonitorRecord.Drift d) {
        drifts.add(d);
    }

    public String name() {
        return name;
    }

    /**
     * The distinct metrics records by publication time, oldest first (records that arrived out of
     * order, as from several partitions of a topic not keyed by task, are put back in order).
     */
    public List<MonitorRecord.Metrics> points() {
        if (!sorted) {
            points.sort(Comparator.comparingLong(MonitorRecord.Metrics::ts));
            sorted = true;
        }
        return List.copyOf(points);
    }

    /** The drift alerts, oldest first. */
    public List<MonitorRecord.Drift> drifts() {
        return List.copyOf(drifts);
    }

    /** The task's main metric (from its latest record), or null without metrics records. */
    public MainMetric mainMetric() {
        List<MonitorRecord.Metrics> p = points();
        if (p.isEmpty()) {
            return null;
        }
        MonitorRecord.Metrics last = p.get(p.size() - 1);
        return MainMetric.of(last.kind(), last.metrics());
    }

    /** Each record's model version. */
    public double[] modelVersions() {
        return points().stream().mapToDouble(MonitorRecord.Metrics::modelVersion).toArray();
    }

    /** Each record's main metric (windowed where available). */
    public double[] mainValues() {
        MainMetric main = mainMetric();
        return points().stream().mapToDouble(main::value).toArray();
    }

    /** Each record's cumulative main metric. */
    public double[] cumulativeValues() {
        MainMetric main = mainMetric();
        return points().stream().mapToDouble(main::cumulative).toArray();
    }

    /** Events in the metrics' sliding window (the largest {@code count_window} seen), 0 if unknown. */
    public long window() {
        double max = points().stream().mapToDouble(p -> p.metric(TaskMetrics.windowed(TaskMetrics.COUNT)))
                .filter(Double::isFinite).max().orElse(0);
        return (long) max;
    }

    /** The records that carry gate shares, oldest first. */
    public List<MonitorRecord.Metrics> gatePoints() {
        return points().stream().filter(p -> p.gate() != null && p.gate().shares().length > 0).toList();
    }
}

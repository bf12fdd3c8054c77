package dev.tributary.monitor;

import dev.tributary.records.MonitorRecord;
import java.util.Objects;

/**
 * What {@link MonitorState} knows about one task: its latest metrics record, a short history of
 * (publication time, events consumed, main metric) for the event rate and the trend, and its drift
 * alerts. Read-only to callers; {@link MonitorState} updates it.
 */
public final class TaskView {
    /** The event rate is measured over the records of about this many milliseconds. */
    static final long RATE_SPAN_MS = 5_000;
    /** A drift alert is fresh while its model version is within the span of the task's last this many records. */
    static final int FRESH_RECORDS = 10;

    private final String name;
    private final long[] ts;
    private final long[] consumed;
    private final long[] versions;
    private final double[] main;
    private int size;
    private int head;
    private long metricsRecords;
    private MonitorRecord.Metrics latest;
    private MainMetric mainMetric;
    private long drifts;
    private MonitorRecord.Drift lastDrift;

    TaskView(String name, int history) {
        this.name = Objects.requireNonNull(name, "name");
        this.ts = new long[history];
        this.consumed = new long[history];
        this.versions = new long[history];
        this.main = new double[history];
    }

    /** Folds {@code r} in, unless it is older than the latest record; returns whether it was used. */
    boolean accept(MonitorRecord.Metrics r) {
        if (latest != null && r.ts() < latest.ts()) {
            return false;
        }
        latest = r;
        mainMetric = MainMetric.of(r.kind(), r.metrics());
        metricsRecords++;
        head = (head + 1) % ts.length;
        ts[head] = r.ts();
        consumed[head] = r.consumed();
        versions[head] = r.modelVersion();
        main[head] = mainMetric.value(r);
        size = Math.min(size + 1, ts.length);
        return true;
    }

    void accept(MonitorRecord.Drift d) {
        drifts++;
        if (lastDrift == null || d.modelVersion() >= lastDrift.modelVersion()) {
            lastDrift = d;
        }
    }

    public String name() {
        return name;
    }

    /** The latest metrics record, or null before the first. */
    public MonitorRecord.Metrics latest() {
        return latest;
    }

    /** The task's main metric, or null before the first metrics record. */
    public MainMetric mainMetric() {
        return mainMetric;
    }

    /** Metrics records received for the task. */
    public long metricsRecords() {
        return metricsRecords;
    }

    /**
     * Events consumed per second, from the {@code consumed} counts and publication times of the
     * records of the last {@value #RATE_SPAN_MS} ms (at least two records); NaN with fewer than two
     * records, or when the count went down (the application restarted from scratch).
     */
    public double eventsPerSecond() {
        if (size < 2) {
            return Double.NaN;
        }
        int newest = head;
        int oldest = index(1);
        for (int back = 2; back < size; back++) {
            int i = index(back);
            if (ts[newest] - ts[i] > RATE_SPAN_MS) {
                break;
            }
            oldest = i;
        }
        long dt = ts[newest] - ts[oldest];
        long dn = consumed[newest] - consumed[oldest];
        return dt <= 0 || dn < 0 ? Double.NaN : dn * 1000.0 / dt;
    }

    /** The main metric of the retained records, oldest first. */
    public double[] trend() {
        double[] out = new double[size];
        for (int k = 0; k < size; k++) {
            out[k] = main[index(size - 1 - k)];
        }
        return out;
    }

    /** Drift alerts received for the task. */
    public long drifts() {
        return drifts;
    }

    /** The drift alert with the highest model version, or null. */
    public MonitorRecord.Drift lastDrift() {
        return lastDrift;
    }

    /**
     * Whether the latest drift alert is recent: its model version is at least that of the oldest of the
     * task's last {@value #FRESH_RECORDS} metrics records (or the task has none yet). Judged by model
     * version rather than arrival, so that catching up on a topic's history flags only recent alerts.
     */
    public boolean driftIsFresh() {
        if (lastDrift == null) {
            return false;
        }
        return size == 0 || lastDrift.modelVersion() >= versions[index(Math.min(size, FRESH_RECORDS) - 1)];
    }

    /** The ring index of the record {@code back} records before the newest. */
    private int index(int back) {
        return Math.floorMod(head - back, ts.length);
    }
}

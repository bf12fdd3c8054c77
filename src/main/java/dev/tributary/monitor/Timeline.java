package dev.tributary.monitor;

import dev.tributary.records.MonitorRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The whole history of a monitoring stream, for {@code tributary report}: per task every distinct
 * metrics record and every drift alert, and every task-affinity record, in arrival order. A metrics
 * record that repeats its task's previous one (same model version and events consumed: the
 * application was idle) is counted but not kept. Lifecycle: {@link #accept} each record, then read.
 * Not thread-safe.
 */
public final class Timeline {
    private final Map<String, TaskSeries> tasks = new LinkedHashMap<>();
    private final List<MonitorRecord.Affinity> affinities = new ArrayList<>();
    private final Map<String, Long> otherTypes = new TreeMap<>();
    private long metricsRecords;
    private long repeats;
    private long driftRecords;

    /** Folds one record in. */
    public void accept(MonitorRecord r) {
        Objects.requireNonNull(r, "r");
        if (r instanceof MonitorRecord.Metrics m) {
            metricsRecords++;
            if (!series(m.task()).add(m)) {
                repeats++;
            }
        } else if (r instanceof MonitorRecord.Drift d) {
            driftRecords++;
            series(d.task()).add(d);
        } else if (r instanceof MonitorRecord.Affinity a) {
            affinities.add(a);
        } else if (r instanceof MonitorRecord.Other o) {
            otherTypes.merge(o.type(), 1L, Long::sum);
        }
    }

    /** Every task, in order of first appearance. */
    public List<TaskSeries> tasks() {
        return List.copyOf(tasks.values());
    }

    /** Every task-affinity record, in arrival order. */
    public List<MonitorRecord.Affinity> affinities() {
        return List.copyOf(affinities);
    }

    /** Metrics records received, including repeats. */
    public long metricsRecords() {
        return metricsRecords;
    }

    /** Metrics records that repeated their task's previous one and were not kept. */
    public long repeats() {
        return repeats;
    }

    public long driftRecords() {
        return driftRecords;
    }

    /** Records of unknown types, by type, sorted. */
    public Map<String, Long> otherTypes() {
        return Collections.unmodifiableMap(new TreeMap<>(otherTypes));
    }

    /** Whether there is nothing to chart: no metrics, drift or affinity record. */
    public boolean isEmpty() {
        return metricsRecords == 0 && driftRecords == 0 && affinities.isEmpty();
    }

    private TaskSeries series(String task) {
        return tasks.computeIfAbsent(task, TaskSeries::new);
    }
}

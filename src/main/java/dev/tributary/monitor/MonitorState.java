package dev.tributary.monitor;

import dev.tributary.records.MonitorRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The live monitoring picture, folded record by record from the monitoring topics: per task the
 * latest metrics, a short history (event rate, trend of the main metric) and drift alerts; the most
 * recent drift alerts overall; the latest task-affinity matrix; and how many records of each type
 * arrived, how many were unknown and how many were malformed. Bounded memory whatever the stream's
 * length. Lifecycle: construct, optionally {@link #expect} the task order, then {@link #accept} and
 * {@link #malformed} in arrival order, reading it between calls. Not thread-safe.
 */
public final class MonitorState {
    /** Records of history kept per task by default: a minute at one record per second. */
    public static final int DEFAULT_HISTORY = 60;
    /** Drift alerts kept in {@link #recentDrifts()}. */
    static final int RECENT_DRIFTS = 5;

    private final int history;
    private final Map<String, TaskView> tasks = new LinkedHashMap<>();
    private final Deque<MonitorRecord.Drift> recentDrifts = new ArrayDeque<>();
    private final Map<String, Long> otherTypes = new TreeMap<>();
    private MonitorRecord.Affinity affinity;
    /** Partitioned learners: per task, each replica's latest metrics record; per replica, its latest sync. */
    private final Map<String, Map<Integer, MonitorRecord.Metrics>> byReplica = new LinkedHashMap<>();
    private final Map<Integer, MonitorRecord.Sync> replicas = new TreeMap<>();
    private final Map<Integer, Long> replicaTs = new TreeMap<>();
    private MonitorRecord.Rounds rounds;
    private long metricsRecords;
    private long driftRecords;
    private long affinityRecords;
    private long roundsRecords;
    private long otherRecords;
    private long malformed;
    private long outOfOrder;
    private String lastError;

    /** @param history metrics records kept per task for the rate and the trend (at least 2) */
    public MonitorState(int history) {
        if (history < 2) {
            throw new IllegalArgumentException("history must be at least 2 records, found " + history);
        }
        this.history = history;
    }

    /** Lists these tasks first, in this order, even before they have records. */
    public void expect(Collection<String> taskNames) {
        taskNames.forEach(this::view);
    }

    /** Folds one record in. */
    public void accept(MonitorRecord r) {
        Objects.requireNonNull(r, "r");
        if (r instanceof MonitorRecord.Metrics m) {
            metricsRecords++;
            if (!view(m.task()).accept(m.sync() == null ? m : overReplicas(m))) {
                outOfOrder++;
            }
        } else if (r instanceof MonitorRecord.Rounds x) {
            roundsRecords++;
            if (rounds == null || x.ts() >= rounds.ts()) {
                rounds = x;
            }
        } else if (r instanceof MonitorRecord.Drift d) {
            driftRecords++;
            view(d.task()).accept(d);
            recentDrifts.addLast(d);
            if (recentDrifts.size() > RECENT_DRIFTS) {
                recentDrifts.removeFirst();
            }
        } else if (r instanceof MonitorRecord.Affinity a) {
            affinityRecords++;
            affinity = a;
        } else if (r instanceof MonitorRecord.Other o) {
            otherRecords++;
            otherTypes.merge(o.type(), 1L, Long::sum);
        }
    }

    /**
     * A replica's record folded into its task's row: the counts summed over the task's replicas (each
     * replica's latest record), the metrics and weights averaged over them weighted by their events,
     * the gate of the replica with the most events, the latest time and the highest model version.
     */
    private MonitorRecord.Metrics overReplicas(MonitorRecord.Metrics m) {
        MonitorRecord.Sync sync = m.sync();
        if (replicaTs.getOrDefault(sync.replica(), Long.MIN_VALUE) <= m.ts()) {
            replicas.put(sync.replica(), sync);
            replicaTs.put(sync.replica(), m.ts());
        }
        Map<Integer, MonitorRecord.Metrics> latest = byReplica.computeIfAbsent(m.task(), t -> new TreeMap<>());
        MonitorRecord.Metrics before = latest.get(sync.replica());
        if (before == null || before.ts() <= m.ts()) {
            latest.put(sync.replica(), m);
        }
        long ts = 0;
        long version = 0;
        long consumed = 0;
        long labelled = 0;
        long trained = 0;
        long replayed = 0;
        double share = 0;
        double weight = 0;
        double loss = 0;
        Map<String, Double> metrics = new TreeMap<>();
        MonitorRecord.Metrics largest = m;
        for (MonitorRecord.Metrics x : latest.values()) {
            ts = Math.max(ts, x.ts());
            version = Math.max(version, x.modelVersion());
            consumed += x.consumed();
            labelled += x.labelled();
            trained += x.trained();
            replayed += x.replayed();
            if (x.consumed() > largest.consumed()) {
                largest = x;
            }
        }
        double total = Math.max(1, consumed);
        for (MonitorRecord.Metrics x : latest.values()) {
            double w = latest.size() == 1 ? 1 : x.consumed() / total;
            share += w * x.samplerShare();
            weight += w * x.lossWeight();
            loss += w * x.lastLoss();
            x.metrics().forEach((k, v) -> metrics.merge(k, w * v, Double::sum));
        }
        metrics.replaceAll((k, v) -> Double.isFinite(v) ? v : Double.NaN);
        return new MonitorRecord.Metrics(m.task(), m.kind(), ts, version, consumed, labelled, trained, replayed, share,
                weight, loss, metrics, largest.gate());
    }

    /** Partitioned learners: each replica's latest sync, by replica; empty for the single learner. */
    public Map<Integer, MonitorRecord.Sync> replicas() {
        return Collections.unmodifiableMap(replicas);
    }

    /** Partitioned learners: the events each replica consumed over all tasks, by its latest records. */
    public Map<Integer, Long> replicaEvents() {
        Map<Integer, Long> out = new TreeMap<>();
        byReplica.values().forEach(m -> m.forEach((r, x) -> out.merge(r, x.consumed(), Long::sum)));
        return out;
    }

    /** The aggregator's latest record, or null. */
    public MonitorRecord.Rounds rounds() {
        return rounds;
    }

    /** Counts a record that could not be parsed; {@code error} says where and why. */
    public void malformed(String error) {
        malformed++;
        lastError = error;
    }

    /** Every task seen (or expected), in order of first appearance. */
    public List<TaskView> tasks() {
        return List.copyOf(tasks.values());
    }

    /** The task's view, or null if it has not appeared. */
    public TaskView task(String name) {
        return tasks.get(name);
    }

    /** The last {@value #RECENT_DRIFTS} drift alerts, oldest first. */
    public List<MonitorRecord.Drift> recentDrifts() {
        return new ArrayList<>(recentDrifts);
    }

    /** The latest task-affinity record, or null. */
    public MonitorRecord.Affinity affinity() {
        return affinity;
    }

    /** The highest model version in the tasks' latest metrics records, or -1 before the first. */
    public long modelVersion() {
        return tasks.values().stream().filter(t -> t.latest() != null).mapToLong(t -> t.latest().modelVersion())
                .max().orElse(-1);
    }

    /** Events consumed over all tasks, by their latest metrics records. */
    public long consumed() {
        return tasks.values().stream().filter(t -> t.latest() != null).mapToLong(t -> t.latest().consumed()).sum();
    }

    /** Events per second over all tasks whose rate is known; NaN if none is. */
    public double eventsPerSecond() {
        double sum = 0;
        boolean any = false;
        for (TaskView t : tasks.values()) {
            double r = t.eventsPerSecond();
            if (!Double.isNaN(r)) {
                sum += r;
                any = true;
            }
        }
        return any ? sum : Double.NaN;
    }

    public long metricsRecords() {
        return metricsRecords;
    }

    public long driftRecords() {
        return driftRecords;
    }

    public long affinityRecords() {
        return affinityRecords;
    }

    /** Well-formed records of unknown types, ignored. */
    public long otherRecords() {
        return otherRecords;
    }

    /** Unknown record types, sorted, and how many of each arrived. */
    public Map<String, Long> otherTypes() {
        return Collections.unmodifiableMap(new TreeMap<>(otherTypes));
    }

    /**
     * Metrics records older (by publication time) than their task's latest, not used: records of one
     * task read out of order, as when a topic's records are not keyed by task.
     */
    public long outOfOrder() {
        return outOfOrder;
    }

    public long malformed() {
        return malformed;
    }

    /** The latest malformed record's error, or null. */
    public String lastError() {
        return lastError;
    }

    /** Every record accepted or refused. */
    public long records() {
        return metricsRecords + driftRecords + affinityRecords + roundsRecords + otherRecords + malformed;
    }

    private TaskView view(String name) {
        return tasks.computeIfAbsent(name, n -> new TaskView(n, history));
    }
}

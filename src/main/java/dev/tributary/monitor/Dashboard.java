package dev.tributary.monitor;

import dev.tributary.records.MonitorRecord;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link MonitorState} as text for a terminal: one row per task (events consumed, events
 * per second, the main prequential metric and its companion, a sparkline of the main metric's recent
 * trend, loss weight, sampler share, drift alerts, gate shares per expert), then the latest drift
 * alerts, the task-affinity matrix when there is one, and notes (collapsed gates, unknown and
 * malformed records). Used by {@code tributary watch} and the live view of {@code tributary demo}.
 * Pure: the same state gives the same text.
 */
public final class Dashboard {
    /** Records shown in the trend column. */
    static final int TREND_WIDTH = 20;

    private Dashboard() {
    }

    /** The title line, the task table and the sections below it. */
    public static String render(MonitorState state, String title) {
        StringBuilder sb = new StringBuilder();
        sb.append(title).append('\n');
        sb.append(table(state));
        sb.append(replicas(state));
        sb.append(drifts(state));
        sb.append(affinity(state.affinity()));
        sb.append(notes(state));
        return sb.toString();
    }

    /** One line: tasks, model version, total event rate, and the records received by type. */
    public static String summary(MonitorState state) {
        return String.format(Locale.ROOT, "%d tasks · model version %s · %s events/s · %,d records (metrics %,d, drift %,d,"
                        + " affinity %,d, other %,d, malformed %,d)", state.tasks().size(),
                state.modelVersion() < 0 ? "-" : Long.toString(state.modelVersion()), rate(state.eventsPerSecond()),
                state.records(), state.metricsRecords(), state.driftRecords(), state.affinityRecords(),
                state.otherRecords(), state.malformed());
    }

    /** The per-task table: a header line and one line per task. */
    public static String table(MonitorState state) {
        int w = Math.max(4, state.tasks().stream().mapToInt(t -> t.name().length()).max().orElse(4));
        String row = "  %-" + w + "s %9s %7s  %-30s %-" + TREND_WIDTH + "s %7s %6s  %-14s %s%n";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, row, "task", "events", "ev/s", "metric (window)", "trend", "weight",
                "share", "drift", "experts"));
        for (TaskView t : state.tasks()) {
            MonitorRecord.Metrics m = t.latest();
            if (m == null) {
                sb.append(String.format(Locale.ROOT, row, t.name(), "-", "-", "-", "", "-", "-", drift(t), "-"));
                continue;
            }
            MainMetric main = t.mainMetric();
            String metric = main.key() + " " + fixed(main.value(m)) + "  " + main.secondKey() + " " + fixed(main.second(m));
            sb.append(String.format(Locale.ROOT, row, t.name(), m.consumed(), rate(t.eventsPerSecond()), metric,
                    Sparkline.of(t.trend(), TREND_WIDTH), fixed(m.lossWeight()), fixed(m.samplerShare()), drift(t),
                    experts(m.gate())));
        }
        return sb.toString();
    }

    /** Partitioned learners: one line per replica and the aggregator's rounds; empty for the single learner. */
    static String replicas(MonitorState state) {
        if (state.replicas().isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("\n");
        MonitorRecord.Rounds r = state.rounds();
        if (r == null) {
            sb.append(String.format(Locale.ROOT, "replicas (%d seen, no aggregator record yet)%n",
                    state.replicas().size()));
        } else {
            sb.append(String.format(Locale.ROOT, "replicas: %d, global version %,d; rounds closed by all %,d, wait %,d,"
                            + " timeout %,d; last round %d deltas, %,d bytes, %,d ms (longest %,d ms)%n", r.replicas(),
                    r.globalVersion(), r.closedAll(), r.closedWait(), r.closedTimeout(), r.lastRoundDeltas(),
                    r.lastRoundBytes(), r.lastRoundMs(), r.maxRoundMs()));
        }
        String row = "  %-7s %9s %9s %7s %12s %10s %9s  %s%n";
        sb.append(String.format(Locale.ROOT, row, "replica", "events", "global", "ahead", "since merge", "sync lag",
                "deltas", "holds (expired)"));
        Map<Integer, Long> events = state.replicaEvents();
        for (MonitorRecord.Sync s : state.replicas().values()) {
            sb.append(String.format(Locale.ROOT, row, s.replica(), events.getOrDefault(s.replica(), 0L),
                    s.globalVersion(), s.stepsAhead() + (s.waiting() ? "*" : ""), millis(s.msSinceMerge()),
                    millis(s.syncLagMs()), s.deltasSent(), s.holds() + " (" + s.holdsExpired() + ")"));
        }
        sb.append("  (ahead: training steps since the last merge, * while a delta waits)\n");
        return sb.toString();
    }

    private static String millis(long ms) {
        return ms < 0 ? "-" : String.format(Locale.ROOT, "%,d ms", ms);
    }

    private static String drift(TaskView t) {
        if (t.drifts() == 0) {
            return "-";
        }
        return t.drifts() + " " + t.lastDrift().signal() + (t.driftIsFresh() ? " !" : "");
    }

    /** One bar per expert on an absolute scale, then the expert with the largest share. */
    static String experts(MonitorRecord.Gate gate) {
        if (gate == null) {
            return "-";
        }
        double[] s = gate.shares();
        StringBuilder sb = new StringBuilder();
        int top = 0;
        for (int e = 0; e < s.length; e++) {
            sb.append(Sparkline.share(s[e]));
            if (s[e] > s[top]) {
                top = e;
            }
        }
        if (s.length > 0) {
            sb.append(String.format(Locale.ROOT, " e%d %.0f%%", top, 100 * s[top]));
        }
        return sb.toString();
    }

    private static String drifts(MonitorState state) {
        List<MonitorRecord.Drift> recent = state.recentDrifts();
        if (recent.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("\nrecent drift alerts (newest last):\n");
        for (MonitorRecord.Drift d : recent) {
            boolean reacted = d.reaction() != null && !d.reaction().equals("none");
            sb.append(String.format(Locale.ROOT, "  %s  %s/%s at event %,d  mean %s → %s  model version %d%s%n", d.task(),
                    d.signal(), d.detector(), d.position(), fixed(d.meanBefore()), fixed(d.meanAfter()),
                    d.modelVersion(), reacted ? "  reaction: " + d.reaction() : ""));
        }
        return sb.toString();
    }

    /** The matrix with sources as rows and targets as columns. */
    static String affinity(MonitorRecord.Affinity a) {
        if (a == null) {
            return "";
        }
        int w = Math.max(7, a.tasks().stream().mapToInt(String::length).max().orElse(0) + 1);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "%ntask affinity Z(row → column), model version %d, %,d samples:%n  %" + w + "s", a.modelVersion(),
                a.samples(), ""));
        for (String t : a.tasks()) {
            sb.append(String.format(Locale.ROOT, " %" + w + "s", t));
        }
        sb.append('\n');
        for (int i = 0; i < a.tasks().size(); i++) {
            sb.append(String.format(Locale.ROOT, "  %" + w + "s", a.tasks().get(i)));
            for (int j = 0; j < a.tasks().size(); j++) {
                double z = a.value(i, j);
                sb.append(String.format(Locale.ROOT, " %" + w + "s",
                        Double.isFinite(z) ? String.format(Locale.ROOT, "%+.4f", z) : "-"));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String notes(MonitorState state) {
        StringBuilder sb = new StringBuilder();
        boolean collapsed = false;
        boolean alike = false;
        for (TaskView t : state.tasks()) {
            MonitorRecord.Gate g = t.latest() == null ? null : t.latest().gate();
            collapsed |= g != null && g.collapsed();
            alike |= g != null && g.alike();
        }
        if (collapsed) {
            sb.append("note: a task's gate has collapsed onto one expert (> 95% of its weight)\n");
        }
        if (alike) {
            sb.append("note: every task's gate has become the same distribution\n");
        }
        if (state.otherRecords() > 0) {
            StringBuilder types = new StringBuilder();
            for (Map.Entry<String, Long> e : state.otherTypes().entrySet()) {
                types.append(types.length() == 0 ? "" : ", ").append(e.getKey()).append(" ×").append(e.getValue());
            }
            sb.append("ignored records of unknown type: ").append(types).append('\n');
        }
        if (state.outOfOrder() > 0) {
            sb.append(String.format(Locale.ROOT, "metrics records older than their task's latest, not used: %,d%n",
                    state.outOfOrder()));
        }
        if (state.malformed() > 0) {
            sb.append(String.format(Locale.ROOT, "malformed records: %,d (latest: %s)%n", state.malformed(),
                    state.lastError()));
        }
        return sb.length() == 0 ? "" : "\n" + sb;
    }

    private static String fixed(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "-";
    }

    private static String rate(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%,.0f", v) : "-";
    }
}

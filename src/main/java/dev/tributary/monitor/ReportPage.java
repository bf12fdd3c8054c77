package dev.tributary.monitor;

import dev.tributary.records.MonitorRecord;
import java.util.List;
import java.util.Locale;

/** The HTML of a report's {@code index.html}: a summary table, then each task's figures with captions. */
final class ReportPage {
    private static final int DRIFTS_NAMED = 6;

    private ReportPage() {
    }

    static String html(Timeline timeline, String source, List<String> sections, List<String> notes) {
        StringBuilder sb = new StringBuilder(4096);
        sb.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>Tributary monitoring report</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#222}\n")
                .append("table{border-collapse:collapse}td,th{padding:.25em .8em;border-bottom:1px solid #ddd;")
                .append("text-align:right}td:first-child,th:first-child{text-align:left}\n")
                .append("figure{margin:1.5em 0}img{max-width:100%;border:1px solid #eee}")
                .append("figcaption{color:#444;font-size:.92em;margin-top:.4em}\n</style>\n</head>\n<body>\n")
                .append("<h1>Tributary monitoring report</h1>\n<p>Source: ").append(escape(source)).append(". ")
                .append(String.format(Locale.ROOT, "%,d metrics records (%,d repeats of an idle moment not charted), "
                                + "%,d drift alerts, %,d task-affinity records", timeline.metricsRecords(),
                        timeline.repeats(), timeline.driftRecords(), timeline.affinities().size()));
        if (!timeline.otherTypes().isEmpty()) {
            sb.append("; ignored records of unknown type: ").append(escape(timeline.otherTypes().toString()));
        }
        sb.append(".</p>\n").append(summary(timeline));
        sections.forEach(sb::append);
        if (!notes.isEmpty()) {
            sb.append("<h2>Notes</h2>\n<ul>\n");
            notes.forEach(n -> sb.append("<li>").append(escape(n)).append("</li>\n"));
            sb.append("</ul>\n");
        }
        sb.append("</body>\n</html>\n");
        return sb.toString();
    }

    private static String summary(Timeline timeline) {
        StringBuilder sb = new StringBuilder("<table>\n<tr><th>task</th><th>kind</th><th>events</th><th>model version"
                + "</th><th>main metric</th><th>window</th><th>since start</th><th>drift alerts</th></tr>\n");
        for (TaskSeries t : timeline.tasks()) {
            List<MonitorRecord.Metrics> points = t.points();
            if (points.isEmpty()) {
                sb.append(String.format(Locale.ROOT, "<tr><td>%s</td><td colspan=\"6\">no metrics records</td>"
                        + "<td>%d</td></tr>%n", escape(t.name()), t.drifts().size()));
                continue;
            }
            MonitorRecord.Metrics last = points.get(points.size() - 1);
            MainMetric main = t.mainMetric();
            sb.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%,d</td><td>%,d</td><td>%s</td>"
                            + "<td>%s</td><td>%s</td><td>%d</td></tr>%n", escape(t.name()), escape(last.kind()),
                    last.consumed(), last.modelVersion(), main.label(), fixed(main.value(last)),
                    fixed(main.cumulative(last)), t.drifts().size()));
        }
        return sb.append("</table>\n").toString();
    }

    static String taskSection(TaskSeries t, List<ReportWriter.Figure> figures) {
        if (figures.isEmpty()) {
            return "<h2>" + escape(t.name()) + "</h2>\n<p>Nothing to chart: no defined metric values"
                    + (t.drifts().isEmpty() ? "" : "; " + t.drifts().size() + " drift alerts") + ".</p>\n";
        }
        return section(t.name(), figures);
    }

    static String section(String title, List<ReportWriter.Figure> figures) {
        StringBuilder sb = new StringBuilder("<h2>").append(escape(title)).append("</h2>\n");
        for (ReportWriter.Figure f : figures) {
            sb.append("<figure><img src=\"").append(escape(f.file())).append("\" alt=\"").append(escape(f.title()))
                    .append("\"><figcaption>").append(escape(f.caption())).append("</figcaption></figure>\n");
        }
        return sb.toString();
    }

    static String metricCaption(TaskSeries t) {
        MainMetric main = t.mainMetric();
        long n = t.window();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "Prequential %s of %s (%s is better) over %s "
                        + "(blue) and since the start (grey), against the model version: every event is scored before "
                        + "the model learns from it.", main.label(), t.name(), main.higherIsBetter() ? "higher" : "lower",
                n > 0 ? String.format(Locale.ROOT, "its last %,d events", n) : "a sliding window"));
        List<MonitorRecord.Drift> drifts = t.drifts();
        if (drifts.isEmpty()) {
            sb.append(" No drift alerts.");
        } else {
            sb.append(String.format(Locale.ROOT, " Dashed red lines: %d drift alert%s (", drifts.size(),
                    drifts.size() == 1 ? "" : "s"));
            for (int i = 0; i < Math.min(DRIFTS_NAMED, drifts.size()); i++) {
                MonitorRecord.Drift d = drifts.get(i);
                sb.append(i == 0 ? "" : "; ").append(String.format(Locale.ROOT, "%s/%s at model version %d, mean %s → %s",
                        d.signal(), d.detector(), d.modelVersion(), fixed(d.meanBefore()), fixed(d.meanAfter())));
            }
            sb.append(drifts.size() > DRIFTS_NAMED ? "; …)." : ").");
        }
        return sb.toString();
    }

    static String expertsCaption(TaskSeries t) {
        List<MonitorRecord.Metrics> g = t.gatePoints();
        int experts = g.get(g.size() - 1).gate().shares().length;
        return String.format(Locale.ROOT, "Mean gate weight of %s on each of its %d experts (darker is more), from "
                + "%,d records averaged into at most %d columns of consecutive records. A row that darkens is an expert "
                + "the task has come to rely on; an even spread means the task uses every expert alike.", t.name(),
                experts, g.size(), ReportCharts.MAX_COLUMNS);
    }

    static String affinityCaption(MonitorRecord.Affinity a, int records) {
        return String.format(Locale.ROOT, "Lookahead task affinity (Fifty et al., NeurIPS 2021) from the latest of %,d "
                + "affinity records (model version %d, averaged over %,d samples). Z(row → column) > 0 (blue): a step "
                + "on the row task's loss lowered the column task's loss; < 0 (red): it raised it.", records,
                a.modelVersion(), a.samples());
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }

    private static String fixed(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "-";
    }
}

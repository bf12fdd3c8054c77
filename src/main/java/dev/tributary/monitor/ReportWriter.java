package dev.tributary.monitor;

import dev.tributary.records.MonitorRecord;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Writes a monitoring report into a directory: for each task a PNG of its main metric over model
 * versions with drift alerts marked ({@code metric-<task>.png}) and, for models with gates, a heat map
 * of its gate weight on each expert ({@code experts-<task>.png}); the latest task-affinity matrix
 * ({@code affinity.png}) when the stream has one; and an {@code index.html} that shows them with
 * captions and a per-task summary table. Existing files of the same names are replaced.
 */
public final class ReportWriter {

    /** A chart written: its file name in the report directory, a title and a caption. */
    public record Figure(String file, String title, String caption) {
    }

    /** What was written: the charts, in page order, and the index. */
    public record Written(List<Figure> figures, Path index) {
        public Written {
            figures = List.copyOf(figures);
        }
    }

    private ReportWriter() {
    }

    /**
     * Writes the report of {@code timeline} into {@code dir} (created if missing).
     *
     * @param source what was read, for the page ("file metrics.jsonl.gz", "topics ... on host:9092")
     * @param notes  lines the page lists under "notes" (e.g. malformed input), may be empty
     * @throws IllegalArgumentException if the timeline is empty
     */
    public static Written write(Timeline timeline, Path dir, String source, List<String> notes) throws IOException {
        Objects.requireNonNull(timeline, "timeline");
        if (timeline.isEmpty()) {
            throw new IllegalArgumentException("no monitoring records to report (no task_metrics, drift or"
                    + " task_affinity record)");
        }
        Files.createDirectories(dir);
        Set<String> used = new HashSet<>();
        List<Figure> figures = new ArrayList<>();
        List<String> sections = new ArrayList<>();
        for (TaskSeries t : timeline.tasks()) {
            List<Figure> own = new ArrayList<>();
            Chart<?, ?> metric = ReportCharts.metric(t);
            if (metric != null) {
                own.add(save(metric, dir, fileName("metric-", t.name(), used), t.name() + ": "
                        + t.mainMetric().label(), ReportPage.metricCaption(t)));
            }
            Chart<?, ?> experts = ReportCharts.experts(t);
            if (experts != null) {
                own.add(save(experts, dir, fileName("experts-", t.name(), used), t.name() + ": experts",
                        ReportPage.expertsCaption(t)));
            }
            figures.addAll(own);
            sections.add(ReportPage.taskSection(t, own));
        }
        List<MonitorRecord.Affinity> affinities = timeline.affinities();
        if (!affinities.isEmpty()) {
            MonitorRecord.Affinity latest = affinities.get(affinities.size() - 1);
            Chart<?, ?> chart = ReportCharts.affinity(latest);
            if (chart != null) {
                Figure f = save(chart, dir, fileName("affinity", "", used), "task affinity",
                        ReportPage.affinityCaption(latest, affinities.size()));
                figures.add(f);
                sections.add(ReportPage.section("Task affinity", List.of(f)));
            }
        }
        Path index = dir.resolve("index.html");
        Files.writeString(index, ReportPage.html(timeline, source, sections, notes), StandardCharsets.UTF_8);
        return new Written(figures, index);
    }

    private static Figure save(Chart<?, ?> chart, Path dir, String file, String title, String caption)
            throws IOException {
        try (OutputStream out = Files.newOutputStream(dir.resolve(file))) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
        return new Figure(file, title, caption);
    }

    /** {@code prefix + task + ".png"}, the task reduced to safe characters, made unique among {@code used}. */
    static String fileName(String prefix, String task, Set<String> used) {
        String base = prefix + task.replaceAll("[^A-Za-z0-9._-]", "_");
        String name = base + ".png";
        for (int k = 2; !used.add(name.toLowerCase(Locale.ROOT)); k++) {
            name = base + "-" + k + ".png";
        }
        return name;
    }
}

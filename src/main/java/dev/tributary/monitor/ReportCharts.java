package dev.tributary.monitor;

import dev.tributary.records.MonitorRecord;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's charts, built with XChart: a task's main metric over model versions with its drift
 * alerts marked, a task's gate shares as a heat map (model version × expert), and a task-affinity
 * matrix as a heat map. Each returns null when there is nothing to draw.
 */
final class ReportCharts {
    static final int WIDTH = 900;
    static final int HEIGHT = 420;
    /** Columns of a gate heat map at most; longer histories are averaged into this many bins. */
    static final int MAX_COLUMNS = 40;
    private static final Color WINDOW = new Color(31, 119, 180);
    private static final Color SINCE_START = new Color(150, 150, 150);
    private static final Color DRIFT_LINE = new Color(214, 39, 40, 110);
    private static final Color[] DRIFT_MARKS = {new Color(214, 39, 40), new Color(255, 127, 14),
            new Color(148, 103, 189), new Color(140, 86, 75)};

    private ReportCharts() {
    }

    /** The task's main metric (windowed, and since the start) by model version, drift alerts as vertical lines. */
    static XYChart metric(TaskSeries t) {
        MainMetric main = t.mainMetric();
        if (main == null) {
            return null;
        }
        double[] x = t.modelVersions();
        double[][] window = finite(x, t.mainValues());
        double[][] total = finite(x, t.cumulativeValues());
        if (window[0].length == 0 && total[0].length == 0) {
            return null;
        }
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(t.name() + ": prequential " + main.label() + (main.higherIsBetter() ? " (higher is better)"
                        : " (lower is better)"))
                .xAxisTitle("model version (training steps)").yAxisTitle(main.label()).build();
        style(c);
        if (window[0].length > 0) {
            long n = t.window();
            line(c, main.label() + (n > 0 ? String.format(Locale.ROOT, " (last %,d events)", n) : " (sliding window)"),
                    window, WINDOW);
        }
        if (total[0].length > 0) {
            line(c, main.label() + " (since the start)", total, SINCE_START);
        }
        markDrifts(c, t.drifts(), range(window[1], total[1]));
        return c;
    }

    private static void markDrifts(XYChart c, List<MonitorRecord.Drift> drifts, double[] yRange) {
        Map<String, List<Double>> bySignal = new LinkedHashMap<>();
        for (MonitorRecord.Drift d : drifts) {
            c.addAnnotation(new AnnotationLine(d.modelVersion(), true, false));
            bySignal.computeIfAbsent(d.signal() + " (" + d.detector() + ")", k -> new ArrayList<>())
                    .add((double) d.modelVersion());
        }
        int k = 0;
        for (Map.Entry<String, List<Double>> e : bySignal.entrySet()) {
            double[] xs = e.getValue().stream().mapToDouble(Double::doubleValue).toArray();
            double[] ys = new double[xs.length];
            java.util.Arrays.fill(ys, yRange[1]);
            XYSeries s = c.addSeries("drift: " + e.getKey(), xs, ys);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.TRIANGLE_DOWN);
            s.setMarkerColor(DRIFT_MARKS[k++ % DRIFT_MARKS.length]);
        }
    }

    /**
     * The task's mean gate weight on each expert (rows) over model versions (columns, averaged into
     * at most {@value #MAX_COLUMNS} bins of consecutive records). Null without gate shares.
     */
    static HeatMapChart experts(TaskSeries t) {
        List<MonitorRecord.Metrics> points = t.gatePoints();
        if (points.isEmpty()) {
            return null;
        }
        int experts = points.get(points.size() - 1).gate().shares().length;
        int columns = Math.min(MAX_COLUMNS, points.size());
        List<String> xLabels = new ArrayList<>();
        List<String> yLabels = new ArrayList<>();
        List<Number[]> cells = new ArrayList<>();
        double max = 0;
        for (int col = 0; col < columns; col++) {
            int from = (int) ((long) col * points.size() / columns);
            int to = (int) ((long) (col + 1) * points.size() / columns);
            double[] mean = new double[experts];
            int n = 0;
            for (int i = from; i < to; i++) {
                double[] s = points.get(i).gate().shares();
                if (s.length == experts) {
                    for (int e = 0; e < experts; e++) {
                        mean[e] += s[e];
                    }
                    n++;
                }
            }
            xLabels.add(Long.toString(points.get(to - 1).modelVersion()));
            for (int e = 0; e < experts; e++) {
                double v = n == 0 ? Double.NaN : mean[e] / n;
                if (Double.isFinite(v)) {
                    cells.add(new Number[]{col, e, v});
                    max = Math.max(max, v);
                }
            }
        }
        for (int e = 0; e < experts; e++) {
            yLabels.add("expert " + e);
        }
        HeatMapChart c = new HeatMapChartBuilder().width(WIDTH).height(Math.max(220, 90 + 45 * experts))
                .title(t.name() + ": gate weight on each expert").xAxisTitle("model version (training steps)")
                .yAxisTitle("").build();
        style(c);
        c.getStyler().setRangeColors(new Color[]{new Color(247, 251, 255), new Color(107, 174, 214),
                new Color(8, 48, 107)});
        c.getStyler().setMin(0).setMax(max > 0 ? roundUp(max) : 1);
        c.getStyler().setShowValue(false);
        c.getStyler().setXAxisLabelRotation(90);
        c.getStyler().setXAxisMaxLabelCount(Math.min(columns, 20));
        c.getStyler().setHeatMapValueDecimalPattern("0.00");
        c.addSeries("gate share", xLabels, yLabels, cells);
        return c;
    }

    /**
     * The affinity matrix: Z(row → column), a step on the row task's loss and its effect on the column
     * task's loss; blue helps, red hurts, on a scale symmetric around zero. Null if no value is defined.
     */
    static HeatMapChart affinity(MonitorRecord.Affinity a) {
        int n = a.tasks().size();
        List<String> targets = new ArrayList<>(a.tasks());
        List<String> sources = new ArrayList<>();
        List<Number[]> cells = new ArrayList<>();
        double extent = 0;
        for (int row = 0; row < n; row++) {
            int i = n - 1 - row;  // the first task on top, as in a printed matrix
            sources.add(a.tasks().get(i));
            for (int j = 0; j < n; j++) {
                double z = a.value(i, j);
                if (Double.isFinite(z)) {  // an undefined cell is left blank
                    cells.add(new Number[]{j, row, z});
                    extent = Math.max(extent, Math.abs(z));
                }
            }
        }
        if (cells.isEmpty()) {
            return null;
        }
        HeatMapChart c = new HeatMapChartBuilder().width(Math.max(640, 200 + 110 * n))
                .height(Math.max(400, 140 + 90 * n))
                .title(String.format(Locale.ROOT, "task affinity Z(row → column) at model version %d",
                        a.modelVersion()))
                .xAxisTitle("task whose loss is measured").yAxisTitle("task stepped on").build();
        style(c);
        c.getStyler().setRangeColors(new Color[]{new Color(178, 24, 43), new Color(247, 247, 247),
                new Color(33, 102, 172)});
        double scale = extent > 0 ? roundUp(extent) : 1;
        c.getStyler().setMin(-scale).setMax(scale);
        c.getStyler().setShowValue(true);
        c.getStyler().setValueFontColor(Color.BLACK);
        c.getStyler().setHeatMapValueDecimalPattern(signedPattern(extent));
        c.addSeries("affinity", targets, sources, cells);
        return c;
    }

    /** {@code v > 0} rounded up to two significant digits, so that the colour legend reads cleanly. */
    static double roundUp(double v) {
        return new BigDecimal(v).round(new MathContext(2, RoundingMode.UP)).doubleValue();
    }

    /** A signed decimal pattern with about three significant digits for values up to {@code extent}. */
    static String signedPattern(double extent) {
        int decimals = extent > 0 ? Math.max(1, Math.min(12, (int) Math.ceil(-Math.log10(extent)) + 2)) : 3;
        String digits = "0." + "0".repeat(decimals);
        return "+" + digits + ";-" + digits;
    }

    private static void style(org.knowm.xchart.internal.chartpart.Chart<?, ?> c) {
        Styler s = c.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        s.setLegendBorderColor(Color.WHITE);
        if (c instanceof XYChart xy) {
            xy.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
            xy.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
            xy.getStyler().setPlotGridLinesColor(new Color(230, 230, 230));
            xy.getStyler().setMarkerSize(9);
            xy.getStyler().setAnnotationLineColor(DRIFT_LINE);
            xy.getStyler().setAnnotationLineStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                    10f, new float[]{6f, 4f}, 0f));
            xy.getStyler().setXAxisDecimalPattern("#,###");
        }
    }

    private static void line(XYChart c, String name, double[][] xy, Color color) {
        XYSeries s = c.addSeries(name, xy[0], xy[1]);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineWidth(2f);
    }

    /** The points whose y is finite: {xs, ys}. */
    static double[][] finite(double[] x, double[] y) {
        int n = 0;
        for (double v : y) {
            n += Double.isFinite(v) ? 1 : 0;
        }
        double[][] out = new double[2][n];
        for (int i = 0, k = 0; i < y.length; i++) {
            if (Double.isFinite(y[i])) {
                out[0][k] = x[i];
                out[1][k++] = y[i];
            }
        }
        return out;
    }

    private static double[] range(double[] a, double[] b) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] ys : new double[][]{a, b}) {
            for (double v : ys) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return new double[]{min, max};
    }
}

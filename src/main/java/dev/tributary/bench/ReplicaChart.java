package dev.tributary.bench;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The quality of periodic model averaging as one PNG, from the rows {@code scripts/bench-replicas.sh}
 * writes: per data set, the test AUC of N replicas minus the single learner's against the sync
 * interval H (log scale), one line per merge rule and N; the y axis is cut at {@value #FLOOR} (the
 * points below are off the chart). Usage: {@code java -cp target/tributary.jar
 * dev.tributary.bench.ReplicaChart chart.png <label>=<rows.tsv>[,<rows.tsv>...] ...}.
 */
public final class ReplicaChart {
    private static final Color[] COLORS = {new Color(31, 119, 180), new Color(255, 127, 14),
        new Color(44, 160, 44), new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75)};

    private static final double FLOOR = -0.02;

    private ReplicaChart() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: ReplicaChart <chart.png> <label>=<rows.tsv>[,<rows.tsv>...] ...");
            System.exit(2);
        }
        // dataset → "<label>, N replicas" → (sync interval → AUC difference)
        Map<String, Map<String, TreeMap<Integer, Double>>> data = new LinkedHashMap<>();
        for (String arg : List.of(args).subList(1, args.length)) {
            String label = arg.substring(0, arg.indexOf('='));
            for (String file : arg.substring(arg.indexOf('=') + 1).split(",")) {
                List<String> lines = Files.readAllLines(Path.of(file));
                for (String line : lines.subList(1, lines.size())) {
                    String[] f = line.split("\t");
                    int n = Integer.parseInt(f[1]);
                    if (n > 1) {
                        data.computeIfAbsent(f[0], k -> new LinkedHashMap<>())
                                .computeIfAbsent(label + ", " + n + " replicas", k -> new TreeMap<>())
                                .put(Integer.parseInt(f[2]), Double.parseDouble(f[5]));
                    }
                }
            }
        }
        List<XYChart> charts = new ArrayList<>();
        for (var ds : data.entrySet()) {
            XYChart c = new XYChartBuilder().width(620).height(440).title(ds.getKey())
                    .xAxisTitle("sync every H training steps").yAxisTitle("test AUC − single learner's").build();
            Styler s = c.getStyler();
            s.setChartBackgroundColor(Color.WHITE);
            s.setPlotBackgroundColor(Color.WHITE);
            s.setLegendPosition(Styler.LegendPosition.InsideSW);
            c.getStyler().setPlotGridLinesColor(new Color(230, 230, 230));
            c.getStyler().setXAxisLogarithmic(true);
            c.getStyler().setYAxisDecimalPattern("0.000");
            c.getStyler().setYAxisMin(FLOOR);
            c.getStyler().setYAxisMax(0.005);
            int k = 0;
            for (var n : ds.getValue().entrySet()) {
                double[] x = n.getValue().keySet().stream().mapToDouble(Integer::doubleValue).toArray();
                double[] y = n.getValue().values().stream().mapToDouble(Double::doubleValue).toArray();
                XYSeries series = c.addSeries(n.getKey(), x, y);
                Color color = COLORS[k++ % COLORS.length];
                series.setMarker(SeriesMarkers.CIRCLE);
                series.setMarkerColor(color);
                series.setLineColor(color);
            }
            charts.add(c);
        }
        int cols = Math.min(2, charts.size());
        BitmapEncoder.saveBitmap(charts, (charts.size() + cols - 1) / cols, cols, args[0],
                BitmapEncoder.BitmapFormat.PNG);
    }
}

package dev.tributary.bench;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The soak's samples as one PNG: resident memory, live heap and state-store size in MB on the left axis,
 * consumer lag in records on the right, over minutes since the stream started.
 */
final class SoakChart {
    private static final Color RSS = new Color(31, 119, 180);
    private static final Color HEAP = new Color(148, 103, 189);
    private static final Color STORE = new Color(44, 160, 44);
    private static final Color LAG = new Color(214, 39, 40);

    private SoakChart() {
    }

    static void write(List<Soak.Sample> samples, Duration interval, Path png) throws IOException {
        XYChart c = new XYChartBuilder().width(1000).height(460)
                .title("tributary run under a soak: memory, state store and lag, sampled every "
                        + interval.toSeconds() + " s")
                .xAxisTitle("minutes since the stream started").yAxisTitle("MB").build();
        Styler s = c.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        s.setLegendBorderColor(Color.WHITE);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        c.getStyler().setPlotGridLinesColor(new Color(230, 230, 230));
        c.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        c.getStyler().setYAxisDecimalPattern("#,###");
        c.getStyler().setYAxisMin(0, 0.0);
        c.getStyler().setYAxisMin(1, 0.0);
        c.setYAxisGroupTitle(0, "MB");
        c.setYAxisGroupTitle(1, "lag (records)");
        double[] minutes = series(samples, x -> x.seconds() / 60);
        add(c, "resident memory of tributary run (MB)", minutes, series(samples, x -> x.residentBytes() / 1e6), RSS, 0);
        add(c, "live Java heap (MB)", minutes, series(samples, x -> x.liveHeapBytes() / 1e6), HEAP, 0);
        add(c, "state directory (MB)", minutes, series(samples, x -> x.storeBytes() / 1e6), STORE, 0);
        add(c, "consumer lag (records, right axis)", minutes, series(samples, x -> x.lag()), LAG, 1);
        BitmapEncoder.saveBitmap(c, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static void add(XYChart c, String name, double[] x, double[] y, Color color, int axis) {
        XYSeries series = c.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setMarkerColor(color);
        series.setLineColor(color);
        series.setYAxisGroup(axis);
    }

    private static double[] series(List<Soak.Sample> samples, ToDoubleFunction<Soak.Sample> f) {
        return samples.stream().mapToDouble(f).toArray();
    }
}

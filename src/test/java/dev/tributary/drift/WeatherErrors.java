package dev.tributary.drift;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * A real error stream: the 0/1 mistakes of a tiny online logistic regression on the Nebraska weather
 * data (rain or not), scored before it learns each day (prequential), on features standardised with
 * running means and deviations of the days before.
 */
final class WeatherErrors {
    private static final String DIR = "/weather-nebraska/";
    private static final double LEARNING_RATE = 0.05;

    private WeatherErrors() {
    }

    static double[] errors() {
        List<double[]> rows = read("NEweather_data.csv.gz");
        List<double[]> labels = read("NEweather_class.csv.gz");
        if (rows.size() != labels.size()) {
            throw new IllegalStateException("weather files differ in length: " + rows.size() + " vs " + labels.size());
        }
        int d = rows.get(0).length;
        double[] weights = new double[d];
        double bias = 0.0;
        double[] mean = new double[d];
        double[] m2 = new double[d];
        double[] z = new double[d];
        double[] errors = new double[rows.size()];
        for (int t = 0; t < rows.size(); t++) {
            double[] x = rows.get(t);
            double y = labels.get(t)[0];
            double score = bias;
            for (int k = 0; k < d; k++) {
                double sd = t > 1 ? Math.sqrt(m2[k] / (t - 1)) : 0.0;
                z[k] = sd > 0 ? (x[k] - mean[k]) / sd : 0.0;
                score += weights[k] * z[k];
            }
            double p = 1.0 / (1.0 + Math.exp(-score));
            errors[t] = (p >= 0.5 ? 1.0 : 0.0) == y ? 0.0 : 1.0;
            double step = LEARNING_RATE * (y - p);
            for (int k = 0; k < d; k++) {
                weights[k] += step * z[k];
                double delta = x[k] - mean[k];
                mean[k] += delta / (t + 1);
                m2[k] += delta * (x[k] - mean[k]);
            }
            bias += step;
        }
        return errors;
    }

    private static List<double[]> read(String file) {
        List<double[]> rows = new ArrayList<>();
        try (InputStream raw = WeatherErrors.class.getResourceAsStream(DIR + file)) {
            if (raw == null) {
                throw new IllegalStateException("missing test resource " + DIR + file);
            }
            BufferedReader reader = new BufferedReader(
                    new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.US_ASCII));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    String[] cells = line.split(",");
                    double[] row = new double[cells.length];
                    for (int k = 0; k < cells.length; k++) {
                        row[k] = Double.parseDouble(cells[k].trim());
                    }
                    rows.add(row);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + DIR + file, e);
        }
        return rows;
    }
}

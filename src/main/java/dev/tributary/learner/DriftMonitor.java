package dev.tributary.learner;

import dev.tributary.drift.Adwin;
import dev.tributary.drift.DriftDetector;
import dev.tributary.drift.DriftStats;
import dev.tributary.drift.PageHinkley;
import dev.tributary.util.Stateful;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-task drift detection on the prequential signals: ADWIN (Bifet &amp; Gavaldà 2007) on the error
 * and on the label, Page-Hinkley on the loss (an increase of the mean loss). Detections become
 * {@link DriftAlert}s that the caller drains; on the error and the loss only increases count (a
 * falling error is the model learning), on the label both directions do. Part of the learner's
 * snapshot.
 */
final class DriftMonitor implements Stateful {
    static final String[] SIGNALS = {"error", "loss", "label"};
    private final String[] tasks;
    private final DriftDetector[][] detectors;
    private final long[] positions;
    private final List<DriftAlert> alerts = new ArrayList<>();

    DriftMonitor(List<String> taskNames) {
        this.tasks = taskNames.toArray(String[]::new);
        this.detectors = new DriftDetector[tasks.length][];
        for (int t = 0; t < tasks.length; t++) {
            detectors[t] = new DriftDetector[]{new Adwin(0.002), new PageHinkley(), new Adwin(0.002)};
        }
        this.positions = new long[tasks.length];
    }

    /** Folds one labelled event's prequential error, loss and label into task {@code t}'s detectors. */
    void observe(int t, double error, double loss, double label, long timestamp, long modelVersion) {
        positions[t]++;
        double[] values = {error, loss, label};
        for (int s = 0; s < SIGNALS.length; s++) {
            if (!Double.isFinite(values[s])) {
                continue;
            }
            DriftDetector d = detectors[t][s];
            d.update(values[s]);
            if (d.driftDetected()) {
                DriftStats st = d.lastDrift().orElse(null);
                // A falling error or loss is the model learning, not drift: only increases are alerts.
                boolean worse = st == null || st.meanAfter() > st.meanBefore();
                if (s < 2 && !worse) {
                    continue;
                }
                alerts.add(new DriftAlert(tasks[t], SIGNALS[s], d.name(), positions[t], timestamp,
                        st == null ? Double.NaN : st.statistic(), st == null ? Double.NaN : st.meanBefore(),
                        st == null ? Double.NaN : st.meanAfter(), modelVersion));
            }
        }
    }

    /** The alerts raised since the last call, oldest first. */
    List<DriftAlert> drain() {
        List<DriftAlert> out = List.copyOf(alerts);
        alerts.clear();
        return out;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        for (int t = 0; t < tasks.length; t++) {
            out.writeLong(positions[t]);
            for (DriftDetector d : detectors[t]) {
                d.writeState(out);
            }
        }
    }

    @Override
    public void readState(DataInput in) throws IOException {
        for (int t = 0; t < tasks.length; t++) {
            positions[t] = in.readLong();
            for (DriftDetector d : detectors[t]) {
                d.readState(in);
            }
        }
    }
}

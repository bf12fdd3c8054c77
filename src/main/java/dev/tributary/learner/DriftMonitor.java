package dev.tributary.learner;

import dev.tributary.drift.Adwin;
import dev.tributary.drift.DriftDetector;
import dev.tributary.drift.DriftStats;
import dev.tributary.drift.Kswin;
import dev.tributary.drift.PageHinkley;
import dev.tributary.drift.ShareShift;
import dev.tributary.spec.DriftSignal;
import dev.tributary.spec.DriftSpec;
import dev.tributary.util.Rng;
import dev.tributary.util.Stateful;

import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Per-task drift detection on the prequential signals and on the gate, as configured by a
 * {@link DriftSpec}: ADWIN (Bifet &amp; Gavaldà 2007) on the error and the label, Page-Hinkley on the
 * loss, optionally KSWIN on chosen signals, and on the gate a {@link ShareShift} over the expert shares
 * of each of the task's events (why not one test per expert: see {@link ShareShift}). Detections become
 * {@link DriftAlert}s that the caller drains; on the error and the loss only increases count (a falling
 * error is the model learning), on the label and the gate both directions do. Each alert is handed to a
 * {@link Reactor}, whose answer is recorded in the alert. Part of the learner's snapshot.
 */
final class DriftMonitor implements Stateful {
    /** Decides, and performs, what the learner does about an alert; returns what was done. */
    interface Reactor {
        String react(int task, DriftSignal signal);
    }

    private record Watch(DriftSignal signal, DriftDetector detector) {
    }

    private final String[] tasks;
    private final Watch[][] watches;
    private final ShareShift[] gate;
    private final long[] positions;
    private final Reactor reactor;
    private final List<DriftAlert> alerts = new ArrayList<>();

    /**
     * @param gateWidth experts per gate, 0 when the model has no gates (the gate signal is then ignored)
     * @param seed      seeds KSWIN's sampling, per task and signal
     */
    DriftMonitor(List<String> taskNames, DriftSpec spec, int gateWidth, long seed, Reactor reactor) {
        this.tasks = taskNames.toArray(String[]::new);
        this.reactor = reactor;
        this.watches = new Watch[tasks.length][];
        boolean watchGate = spec.watches(DriftSignal.GATE) && gateWidth > 0;
        this.gate = watchGate ? new ShareShift[tasks.length] : null;
        for (int t = 0; t < tasks.length; t++) {
            List<Watch> w = new ArrayList<>();
            for (DriftSignal s : new DriftSignal[]{DriftSignal.ERROR, DriftSignal.LOSS, DriftSignal.LABEL}) {
                if (spec.watches(s)) {
                    w.add(new Watch(s, s == DriftSignal.LOSS ? new PageHinkley(spec.phMinInstances(), spec.phDelta(),
                            spec.phThreshold(), spec.phAlpha()) : new Adwin(spec.adwinDelta(), spec.adwinClock())));
                }
            }
            DriftSpec.Kswin k = spec.kswin();
            if (k != null) {
                for (DriftSignal s : k.signals()) {
                    long kSeed = Rng.derive(seed, "kswin." + tasks[t] + "." + name(s)).nextLong();
                    w.add(new Watch(s, new Kswin(k.alpha(), k.windowSize(), k.statSize(), kSeed)));
                }
            }
            watches[t] = w.toArray(Watch[]::new);
            if (watchGate) {
                gate[t] = new ShareShift(gateWidth, spec.gateFast(), spec.gateSlow(), spec.gateThreshold());
            }
        }
        this.positions = new long[tasks.length];
    }

    /** Task {@code t}'s labelled events seen by its detectors. */
    long position(int t) {
        return positions[t];
    }

    /** Whether the gate is watched. */
    boolean watchesGate() {
        return gate != null;
    }

    /** Folds one labelled event's prequential error, loss and label into task {@code t}'s detectors. */
    void observe(int t, double error, double loss, double label, long timestamp, long modelVersion) {
        positions[t]++;
        for (Watch w : watches[t]) {
            double x = switch (w.signal()) {
                case ERROR -> error;
                case LOSS -> loss;
                default -> label;
            };
            if (!Double.isFinite(x)) {
                continue;
            }
            w.detector().update(x);
            if (w.detector().driftDetected()) {
                DriftStats st = w.detector().lastDrift().orElse(null);
                // A falling error or loss is the model learning, not drift: only increases are alerts.
                boolean worse = st == null || st.meanAfter() > st.meanBefore();
                if (w.signal() != DriftSignal.LABEL && !worse) {
                    continue;
                }
                alert(t, w.signal(), w.detector().name(), positions[t], timestamp, st, modelVersion);
            }
        }
    }

    /** Folds one event's gate weights ({@code weights[offset .. offset + experts)}) into task t's gate detector. */
    void observeGate(int t, float[] weights, int offset, long timestamp, long modelVersion) {
        ShareShift d = gate[t];
        d.update(weights, offset);
        if (d.driftDetected()) {
            alert(t, DriftSignal.GATE, d.name(), d.position(), timestamp, d.lastDrift().orElse(null), modelVersion);
        }
    }

    private void alert(int t, DriftSignal signal, String detector, long position, long timestamp, DriftStats st,
                       long modelVersion) {
        String reaction = reactor.react(t, signal);
        alerts.add(new DriftAlert(tasks[t], name(signal), detector, position, timestamp,
                st == null ? Double.NaN : st.statistic(), st == null ? Double.NaN : st.meanBefore(),
                st == null ? Double.NaN : st.meanAfter(), modelVersion, reaction));
    }

    /** The alerts raised since the last call, oldest first. */
    List<DriftAlert> drain() {
        List<DriftAlert> out = List.copyOf(alerts);
        alerts.clear();
        return out;
    }

    /** What the detectors are: a snapshot's detector state is read only into the same arrangement. */
    String layout() {
        StringBuilder sb = new StringBuilder();
        for (Watch w : watches.length == 0 ? new Watch[0] : watches[0]) {
            sb.append(name(w.signal())).append(':').append(w.detector().name());
            if (w.detector() instanceof Kswin k) {
                sb.append('/').append(k.windowSize()).append('/').append(k.statSize());
            }
            sb.append(',');
        }
        return sb.append("gate:").append(gate == null ? 0 : gate[0].size()).toString();
    }

    static String name(DriftSignal s) {
        return s.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        for (int t = 0; t < tasks.length; t++) {
            out.writeLong(positions[t]);
            for (Watch w : watches[t]) {
                w.detector().writeState(out);
            }
            if (gate != null) {
                gate[t].writeState(out);
            }
        }
    }

    @Override
    public void readState(DataInput in) throws IOException {
        for (int t = 0; t < tasks.length; t++) {
            positions[t] = in.readLong();
            for (Watch w : watches[t]) {
                w.detector().readState(in);
            }
            if (gate != null) {
                gate[t].readState(in);
            }
        }
    }

    /**
     * Reads snapshot format 2's detectors (per task: position, ADWIN on the error, Page-Hinkley on the
     * loss, ADWIN on the label) and carries each into this monitor's detector of the same signal and
     * kind, if it has one; the others start fresh.
     */
    void readVersion2(DataInput in) throws IOException {
        DriftSignal[] signals = {DriftSignal.ERROR, DriftSignal.LOSS, DriftSignal.LABEL};
        for (int t = 0; t < tasks.length; t++) {
            positions[t] = in.readLong();
            DriftDetector[] old = {new Adwin(), new PageHinkley(), new Adwin()};
            for (int s = 0; s < old.length; s++) {
                old[s].readState(in);
                for (Watch w : watches[t]) {
                    if (w.signal() == signals[s] && w.detector().name().equals(old[s].name())) {
                        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                        old[s].writeState(new DataOutputStream(bytes));
                        w.detector().readState(new java.io.DataInputStream(
                                new java.io.ByteArrayInputStream(bytes.toByteArray())));
                    }
                }
            }
        }
    }
}

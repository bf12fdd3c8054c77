package dev.tributary.learner;

import dev.tributary.eval.GateHealth;
import dev.tributary.eval.TaskAffinity;
import dev.tributary.features.Batch;
import dev.tributary.model.MultiTaskNetwork;
import dev.tributary.optim.TaskLoss;
import dev.tributary.spec.DriftSpec;
import dev.tributary.spec.ModelFamily;
import dev.tributary.spec.MonitoringSpec;
import dev.tributary.spec.TopologySpec;
import dev.tributary.util.Stateful;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/**
 * The learner's monitors, as {@link MonitoringSpec} configures them: gate health (MMoE and OMoE), the
 * drift detectors (with the gate signal on every family with gates) and task affinity. With
 * monitoring disabled there are no detectors, no gate health and no affinity. None of it changes what
 * the model learns; only the drift reactions, which {@link Reactions} performs, do.
 */
final class Monitors implements Stateful {
    private static final int GATE_WINDOW = 1000;
    final GateHealth gates;
    final DriftMonitor drift;
    final TaskAffinity affinity;
    private final AffinityProbe probe;
    private final int affinityEvery;
    private final double learningRate;
    private final MultiTaskNetwork net;

    /**
     * Gate health for the expert families. MMoE and OMoE gates all weigh the same experts. CGC and PLE
     * gates weigh a task's own experts and the shared ones, so expert i is not the same expert for two
     * tasks: there only the per-task alarms (collapse, entropy) mean something, and the "all gates
     * alike" alarm is off (distance 0). Families without gates, or whose tasks' gates differ in width,
     * have none.
     */
    static GateHealth gateHealth(ModelFamily family, MultiTaskNetwork net, int tasks) {
        switch (family) {
            case MMOE, OMOE -> {
                return new GateHealth(tasks, net.gateWidth(0), GATE_WINDOW);
            }
            case CGC, PLE -> {
                for (int t = 1; t < tasks; t++) {
                    if (net.gateWidth(t) != net.gateWidth(0)) {
                        return null;
                    }
                }
                return net.gateWidth(0) > 1 ? new GateHealth(tasks, net.gateWidth(0), GATE_WINDOW,
                        GateHealth.DEFAULT_COLLAPSE_THRESHOLD, 0.0) : null;
            }
            default -> {
                return null;
            }
        }
    }

    Monitors(TopologySpec spec, MultiTaskNetwork net, TaskLoss[] losses, DriftMonitor.Reactor reactor,
             Trainer trainer) {
        MonitoringSpec m = spec.monitoring();
        int n = spec.tasks().size();
        List<String> names = spec.tasks().stream().map(t -> t.name()).toList();
        this.net = net;
        ModelFamily family = spec.model().family();
        boolean on = m.enabled();
        this.gates = on ? gateHealth(family, net, n) : null;
        DriftSpec driftSpec = on ? m.drift() : m.drift().withSignals(List.of());
        this.drift = new DriftMonitor(names, driftSpec, net.gateWidth(0), spec.seed(), reactor);
        AffinityProbe p = on && m.affinityEveryBatches() > 0 ? new AffinityProbe(net, losses,
                trainer.gradientBuffer(), trainer.support()) : null;
        this.probe = p != null && p.hasShared() ? p : null;
        this.affinity = probe != null ? new TaskAffinity(n) : null;
        this.affinityEvery = m.affinityEveryBatches();
        this.learningRate = spec.optimizer().learningRate();
    }

    /** One scored event of task {@code t} at batch row {@code row}: gate health and the gate's detectors. */
    void observeGate(int t, int row, long timestamp, long modelVersion) {
        if (gates == null && !drift.watchesGate()) {
            return;
        }
        int width = net.gateWidth(t);
        float[] weights = net.gateWeights(t);
        if (gates != null) {
            gates.add(t, weights, row * width);
        }
        if (drift.watchesGate()) {
            drift.observeGate(t, weights, row * width, timestamp, modelVersion);
        }
    }

    /** Measures the affinity on the batch about to train step {@code step} (1-based) when it is due. */
    void beforeStep(long step, float[] params, Batch batch) {
        if (probe != null && step % affinityEvery == 0) {
            affinity.add(probe.measure(params, batch, learningRate));
        }
    }

    /**
     * What state this arrangement of monitors has: a snapshot's monitor state is read only into the
     * same arrangement (otherwise the monitors start afresh; the model is not affected).
     */
    String layout() {
        return "gates:" + (gates == null ? 0 : gates.experts()) + ";drift:" + drift.layout() + ";affinity:"
                + (affinity != null);
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        if (gates != null) {
            gates.writeState(out);
        }
        drift.writeState(out);
        if (affinity != null) {
            affinity.writeState(out);
        }
    }

    @Override
    public void readState(DataInput in) throws IOException {
        if (gates != null) {
            gates.readState(in);
        }
        drift.readState(in);
        if (affinity != null) {
            affinity.readState(in);
        }
    }
}

package dev.tributary.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the {@code monitoring} section: metrics interval, drift detectors, task affinity, drift reactions. */
final class MonitoringParser {
    private MonitoringParser() {
    }

    static MonitoringSpec parse(YamlNode node, List<TaskSpec> tasks, ModelFamily family, WeightingType weighting) {
        node.mapping("enabled", "metrics", "drift", "affinity", "reactions");
        MonitoringSpec d = MonitoringSpec.defaults();
        boolean enabled = node.get("enabled").bool(d.enabled());
        YamlNode metrics = node.get("metrics").mapping("everySeconds", "everyEvents");
        double seconds = metrics.get("everySeconds").number(d.metricsEverySeconds());
        long events = metrics.get("everyEvents").longInteger(d.metricsEveryEvents());
        DriftSpec drift = drift(node.get("drift"), family);
        YamlNode everyNode = node.get("affinity").mapping("everyBatches").get("everyBatches");
        int every = everyNode.integer(d.affinityEveryBatches());
        if (everyNode.isPresent() && every > 0 && !family.hasSharedLayers()) {
            throw everyNode.fail(everyNode.path() + " needs a model family with shared layers (shared-bottom, omoe, "
                    + "mmoe, cgc, ple): task affinity measures how one task's update of the shared layers changes the"
                    + " others' losses; found model.family " + Names.yamlName(family) + " (write 0)");
        }
        ReactionsSpec reactions = reactions(node.get("reactions"), tasks, weighting, drift);
        return SectionBuild.build(node, () -> new MonitoringSpec(enabled, seconds, events, drift, every, reactions));
    }

    static DriftSpec drift(YamlNode node, ModelFamily family) {
        node.mapping("signals", "adwin", "pageHinkley", "gate", "kswin");
        DriftSpec d = DriftSpec.defaults();
        YamlNode signalsNode = node.get("signals");
        List<DriftSignal> signals = signalsNode.isPresent() ? signals(signalsNode) : d.signals();
        if (signals.contains(DriftSignal.GATE) && signalsNode.isPresent() && !family.hasExperts()) {
            throw signalsNode.fail(signalsNode.path() + " lists gate, but model.family " + Names.yamlName(family)
                    + " has no gates (omoe, mmoe, cgc and ple have)");
        }
        YamlNode adwin = node.get("adwin").mapping("delta", "clock");
        double adwinDelta = adwin.get("delta").number(d.adwinDelta());
        int clock = adwin.get("clock").integer(d.adwinClock());
        YamlNode ph = node.get("pageHinkley").mapping("minInstances", "delta", "threshold", "alpha");
        int minInstances = ph.get("minInstances").integer(d.phMinInstances());
        double phDelta = ph.get("delta").number(d.phDelta());
        double threshold = ph.get("threshold").number(d.phThreshold());
        double alpha = ph.get("alpha").number(d.phAlpha());
        YamlNode gate = node.get("gate").mapping("fast", "slow", "threshold");
        int fast = gate.get("fast").integer(d.gateFast());
        int slow = gate.get("slow").integer(Math.max(d.gateSlow(), fast + 1));
        double gateThreshold = gate.get("threshold").number(d.gateThreshold());
        DriftSpec.Kswin kswin = node.get("kswin").isPresent() ? kswin(node.get("kswin")) : null;
        return SectionBuild.build(node, () -> new DriftSpec(signals, adwinDelta, clock, minInstances, phDelta,
                threshold, alpha, fast, slow, gateThreshold, kswin));
    }

    private static DriftSpec.Kswin kswin(YamlNode node) {
        node.mapping("signals", "alpha", "windowSize", "statSize");
        YamlNode signalsNode = node.get("signals");
        List<DriftSignal> signals = signalsNode.isPresent() ? signals(signalsNode) : List.of(DriftSignal.LOSS);
        if (signals.contains(DriftSignal.GATE)) {
            throw signalsNode.fail(signalsNode.path() + " may list error, loss and label; the gate is watched by ADWIN"
                    + " only");
        }
        double alpha = node.get("alpha").number(0.005);
        int statSize = node.get("statSize").integer(30);
        int windowSize = node.get("windowSize").integer(Math.max(100, 2 * statSize));
        return SectionBuild.build(node, () -> new DriftSpec.Kswin(signals, alpha, windowSize, statSize));
    }

    static ReactionsSpec reactions(YamlNode node, List<TaskSpec> tasks, WeightingType weighting, DriftSpec drift) {
        node.mapping("signals", "cooldownBatches", "default", "tasks");
        ReactionsSpec d = ReactionsSpec.none();
        YamlNode signalsNode = node.get("signals");
        List<DriftSignal> signals = signalsNode.isPresent() ? signals(signalsNode) : d.signals();
        int cooldown = node.get("cooldownBatches").integer(d.cooldownBatches());
        List<ReactionSpec> defaults = reactionList(node.get("default"), weighting);
        YamlNode tasksNode = node.get("tasks");
        Map<String, List<ReactionSpec>> perTask = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> entry : tasksNode.entries()) {
            TrainingParser.requireTask(tasksNode, entry.getKey(), tasks);
            perTask.put(entry.getKey(), reactionList(entry.getValue(), weighting));
        }
        ReactionsSpec spec = SectionBuild.build(node, () -> new ReactionsSpec(signals, cooldown, defaults, perTask));
        if (spec.any()) {
            for (DriftSignal s : signals) {
                if (!drift.watches(s)) {
                    YamlNode at = signalsNode.isPresent() ? signalsNode : node;
                    throw at.fail((signalsNode.isPresent() ? signalsNode.path() : node.path() + ".signals (default "
                            + "[error])") + " lists " + Names.yamlName(s) + ", which monitoring.drift.signals does not "
                            + "watch: no alert could trigger the reaction");
                }
            }
        }
        return spec;
    }

    /** A reaction, or a list of them: {@code none}, {@code reset-tower}, {@code {type: boost-lr, factor: 3}}. */
    private static List<ReactionSpec> reactionList(YamlNode node, WeightingType weighting) {
        if (!node.isPresent()) {
            return List.of();
        }
        List<YamlNode> items = node.isList() ? node.list() : List.of(node);
        List<ReactionSpec> out = new ArrayList<>();
        for (YamlNode item : items) {
            ReactionSpec r = reaction(item, weighting);
            if (r.type() == ReactionType.NONE) {
                if (items.size() > 1) {
                    throw item.fail(item.path() + " is none, which cannot be combined with other reactions");
                }
                continue;
            }
            for (ReactionSpec seen : out) {
                if (seen.type() == r.type()) {
                    throw item.fail(item.path() + " repeats " + r.yamlName() + "; each reaction may be listed once");
                }
            }
            out.add(r);
        }
        return out;
    }

    private static ReactionSpec reaction(YamlNode node, WeightingType weighting) {
        YamlNode typeNode = node.isMapping() ? node.mapping("type", "factor", "batches").require("type") : node;
        ReactionType type = typeNode.choice(ReactionType.class);
        if (type == ReactionType.REANCHOR_GRADNORM && weighting != WeightingType.GRADNORM) {
            throw typeNode.fail(typeNode.path() + " reanchor-gradnorm needs weighting.type gradnorm, found "
                    + Names.yamlName(weighting));
        }
        if (!node.isMapping()) {
            return ReactionSpec.of(type);
        }
        YamlNode factorNode = node.get("factor");
        YamlNode batchesNode = node.get("batches");
        if (type != ReactionType.BOOST_LR && (factorNode.isPresent() || batchesNode.isPresent())) {
            YamlNode bad = factorNode.isPresent() ? factorNode : batchesNode;
            throw bad.fail(bad.path() + " applies to boost-lr only, found type " + Names.yamlName(type));
        }
        double factor = factorNode.number(ReactionSpec.DEFAULT_FACTOR);
        int batches = batchesNode.integer(ReactionSpec.DEFAULT_BATCHES);
        return SectionBuild.build(node, () -> new ReactionSpec(type, factor, batches));
    }

    private static List<DriftSignal> signals(YamlNode node) {
        List<DriftSignal> out = new ArrayList<>();
        for (YamlNode item : node.list()) {
            DriftSignal s = item.choice(DriftSignal.class);
            if (out.contains(s)) {
                throw item.fail(item.path() + " repeats '" + Names.yamlName(s) + "'; the items of " + node.path()
                        + " must be unique");
            }
            out.add(s);
        }
        return out;
    }
}

package dev.tributary.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the {@code optimizer}, {@code weighting}, {@code sampler} and {@code batch} sections. */
final class TrainingParser {
    static final int MAX_BATCH = 1 << 16;

    private TrainingParser() {
    }

    static OptimizerSpec optimizer(YamlNode node) {
        node.mapping("type", "learningRate", "beta1", "beta2", "epsilon", "clipNorm", "weightDecay");
        OptimizerType type = node.get("type").choice(OptimizerType.class, OptimizerType.ADAM);
        OptimizerSpec d = OptimizerSpec.defaults(type);
        double learningRate = positive(node.get("learningRate"), d.learningRate());
        double beta1 = unitInterval(node.get("beta1"), d.beta1());
        double beta2 = unitInterval(node.get("beta2"), d.beta2());
        double epsilon = positive(node.get("epsilon"), d.epsilon());
        double clipNorm = nonNegative(node.get("clipNorm"), d.clipNorm());
        double weightDecay = nonNegative(node.get("weightDecay"), d.weightDecay());
        return new OptimizerSpec(type, learningRate, beta1, beta2, epsilon, clipNorm, weightDecay);
    }

    static WeightingSpec weighting(YamlNode node, List<TaskSpec> tasks, ModelFamily family) {
        node.mapping("type", "weights", "window", "temperature", "alpha", "learningRate");
        WeightingSpec d = WeightingSpec.defaults();
        YamlNode typeNode = node.get("type");
        WeightingType type = typeNode.choice(WeightingType.class, d.type());
        if (type == WeightingType.GRADNORM && !family.hasSharedLayers()) {
            throw typeNode.fail(typeNode.path() + " gradnorm needs a model family with shared layers (shared-bottom, "
                    + "omoe, mmoe, cgc, ple), found model.family " + Names.yamlName(family));
        }
        Map<String, Double> weights = taskWeights(node.get("weights"), tasks);
        YamlNode windowNode = node.get("window");
        int window = windowNode.integer(d.window());
        windowNode.check(window >= 1, "must be at least 1");
        double temperature = positive(node.get("temperature"), d.temperature());
        double alpha = nonNegative(node.get("alpha"), d.alpha());
        double learningRate = positive(node.get("learningRate"), d.learningRate());
        return new WeightingSpec(type, weights, window, temperature, alpha, learningRate);
    }

    static SamplerSpec sampler(YamlNode node, List<TaskSpec> tasks) {
        node.mapping("type", "weights", "temperature", "bufferCapacity", "reservoirCapacity", "window");
        SamplerSpec d = SamplerSpec.defaults();
        SamplerType type = node.get("type").choice(SamplerType.class, d.type());
        Map<String, Double> weights = taskWeights(node.get("weights"), tasks);
        double temperature = positive(node.get("temperature"), d.temperature());
        YamlNode bufferNode = node.get("bufferCapacity");
        int bufferCapacity = bufferNode.integer(d.bufferCapacity());
        bufferNode.check(bufferCapacity >= 1, "must be at least 1");
        YamlNode reservoirNode = node.get("reservoirCapacity");
        int reservoirCapacity = reservoirNode.integer(d.reservoirCapacity());
        reservoirNode.check(reservoirCapacity >= 0, "must be at least 0 (0 = no replay)");
        YamlNode windowNode = node.get("window");
        int window = windowNode.integer(d.window());
        windowNode.check(window >= 1, "must be at least 1");
        return new SamplerSpec(type, weights, temperature, bufferCapacity, reservoirCapacity, window);
    }

    static BatchSpec batch(YamlNode node) {
        node.mapping("size", "maxWaitMs");
        BatchSpec d = BatchSpec.defaults();
        YamlNode sizeNode = node.get("size");
        int size = sizeNode.integer(d.size());
        sizeNode.check(size >= 1 && size <= MAX_BATCH, "must be between 1 and " + MAX_BATCH);
        YamlNode waitNode = node.get("maxWaitMs");
        long maxWaitMs = waitNode.longInteger(d.maxWaitMs());
        waitNode.check(maxWaitMs >= 0, "must be at least 0");
        return new BatchSpec(size, maxWaitMs);
    }

    /** A mapping of task name to positive weight; every key must be a task. */
    static Map<String, Double> taskWeights(YamlNode node, List<TaskSpec> tasks) {
        Map<String, Double> weights = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> entry : node.entries()) {
            requireTask(node, entry.getKey(), tasks);
            double weight = entry.getValue().number();
            entry.getValue().check(weight > 0, "must be positive");
            weights.put(entry.getKey(), weight);
        }
        return weights;
    }

    /** Fails unless {@code name}, a key of the mapping {@code node}, is a task name. */
    static void requireTask(YamlNode node, String name, List<TaskSpec> tasks) {
        List<String> names = tasks.stream().map(TaskSpec::name).toList();
        if (!names.contains(name)) {
            throw node.get(name).fail(node.path() + " has key '" + name + "', which is not a task; tasks: "
                    + String.join(", ", names) + Names.suggestion(name, names));
        }
    }

    private static double positive(YamlNode node, double defaultValue) {
        double value = node.number(defaultValue);
        node.check(value > 0, "must be positive");
        return value;
    }

    private static double nonNegative(YamlNode node, double defaultValue) {
        double value = node.number(defaultValue);
        node.check(value >= 0, "must be at least 0");
        return value;
    }

    private static double unitInterval(YamlNode node, double defaultValue) {
        double value = node.number(defaultValue);
        node.check(value >= 0 && value < 1, "must be in [0, 1)");
        return value;
    }
}

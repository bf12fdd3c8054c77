package dev.tributary.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the {@code optimizer}, {@code weighting}, {@code sampler} and {@code batch} sections. */
final class TrainingParser {

    private TrainingParser() {
    }

    static OptimizerSpec optimizer(YamlNode node) {
        node.mapping("type", "learningRate", "beta1", "beta2", "epsilon", "clipNorm", "weightDecay", "embeddings");
        OptimizerType type = node.get("type").choice(OptimizerType.class, OptimizerType.ADAM);
        OptimizerSpec d = OptimizerSpec.defaults(type);
        double learningRate = node.get("learningRate").number(d.learningRate());
        double beta1 = node.get("beta1").number(d.beta1());
        double beta2 = node.get("beta2").number(d.beta2());
        double epsilon = node.get("epsilon").number(d.epsilon());
        double clipNorm = node.get("clipNorm").number(d.clipNorm());
        double weightDecay = node.get("weightDecay").number(d.weightDecay());
        EmbeddingUpdate embeddings = node.get("embeddings").choice(EmbeddingUpdate.class, d.embeddings());
        return SectionBuild.build(node, () -> new OptimizerSpec(type, learningRate, beta1, beta2, epsilon, clipNorm,
                weightDecay, embeddings));
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
        int window = node.get("window").integer(d.window());
        double temperature = node.get("temperature").number(d.temperature());
        double alpha = node.get("alpha").number(d.alpha());
        double learningRate = node.get("learningRate").number(d.learningRate());
        return SectionBuild.build(node, () -> new WeightingSpec(type, weights, window, temperature, alpha, learningRate));
    }

    static SamplerSpec sampler(YamlNode node, List<TaskSpec> tasks) {
        node.mapping("type", "weights", "temperature", "bufferCapacity", "reservoirCapacity", "window");
        SamplerSpec d = SamplerSpec.defaults();
        SamplerType type = node.get("type").choice(SamplerType.class, d.type());
        Map<String, Double> weights = taskWeights(node.get("weights"), tasks);
        double temperature = node.get("temperature").number(d.temperature());
        int bufferCapacity = node.get("bufferCapacity").integer(d.bufferCapacity());
        int reservoirCapacity = node.get("reservoirCapacity").integer(d.reservoirCapacity());
        int window = node.get("window").integer(d.window());
        return SectionBuild.build(node, () -> new SamplerSpec(type, weights, temperature, bufferCapacity, reservoirCapacity, window));
    }

    static BatchSpec batch(YamlNode node) {
        node.mapping("size", "maxWaitMs");
        BatchSpec d = BatchSpec.defaults();
        int size = node.get("size").integer(d.size());
        long maxWaitMs = node.get("maxWaitMs").longInteger(d.maxWaitMs());
        return SectionBuild.build(node, () -> new BatchSpec(size, maxWaitMs));
    }

    /** A mapping of task name to positive weight; every key must be a task. */
    static Map<String, Double> taskWeights(YamlNode node, List<TaskSpec> tasks) {
        Map<String, Double> weights = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> entry : node.entries()) {
            requireTask(node, entry.getKey(), tasks);
            weights.put(entry.getKey(), entry.getValue().number());
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
}

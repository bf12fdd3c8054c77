package dev.tributary.spec;

import java.util.List;

/** Reads the {@code synthetic} section and checks that the tasks and features fit the generator. */
final class SyntheticParser {
    private SyntheticParser() {
    }

    static SyntheticSpec parse(YamlNode node, List<TaskSpec> tasks, List<FeatureSpec> features) {
        node.mapping("dimension", "correlation", "scale", "sinTerms", "noise", "events", "ids");
        SyntheticSpec.Ids ids = ids(node.get("ids"), features);
        List<FeatureSpec> numeric = ids == null ? features
                : features.stream().filter(f -> !f.name().equals(ids.name())).toList();
        YamlNode dimensionNode = node.get("dimension");
        int dimension = dimensionNode.integer(numeric.size());
        dimensionNode.check(dimension >= 1, "must be at least 1");
        requireGeneratedFeatures(dimensionNode, dimension, numeric);
        if (dimension < tasks.size()) {
            throw dimensionNode.error("must be at least the number of tasks (" + tasks.size()
                    + ") so that every task gets its own orthogonal direction, found " + dimension);
        }
        for (int i = 0; i < tasks.size(); i++) {
            if (tasks.get(i).kind() == TaskKind.MULTICLASS) {
                throw node.fail("tasks[" + i + "].kind must be binary or regression for the synthetic generator, "
                        + "found 'multiclass'");
            }
        }
        SyntheticSpec d = SyntheticSpec.defaults(dimension);
        double correlation = node.get("correlation").number(d.correlation());
        double scale = node.get("scale").number(d.scale());
        int sinTerms = node.get("sinTerms").integer(d.sinTerms());
        double noise = node.get("noise").number(d.noise());
        long events = node.get("events").longInteger(d.events());
        return SectionBuild.build(node, () -> new SyntheticSpec(dimension, correlation, scale, sinTerms, noise, events,
                ids));
    }

    /** {@code {name, values, exponent, effect}}: the id feature, declared as a categorical feature too. */
    private static SyntheticSpec.Ids ids(YamlNode node, List<FeatureSpec> features) {
        if (!node.isPresent()) {
            return null;
        }
        node.mapping("name", "values", "exponent", "effect");
        YamlNode nameNode = node.require("name");
        String name = nameNode.string();
        boolean declared = features.stream().anyMatch(f -> f.name().equals(name) && f.type() == FeatureType.CATEGORICAL);
        if (!declared) {
            throw nameNode.invalid("must name a categorical feature declared in features (with its buckets and"
                    + " embedding)");
        }
        int values = node.get("values").integer(1_000_000);
        double exponent = node.get("exponent").number(1.1);
        double effect = node.get("effect").number(0.5);
        return SectionBuild.build(node, () -> new SyntheticSpec.Ids(name, values, exponent, effect));
    }

    /** The generator names its features x0..x<d-1>; the declared features must be exactly those. */
    private static void requireGeneratedFeatures(YamlNode dimensionNode, int dimension, List<FeatureSpec> features) {
        if (!features.equals(SyntheticSpec.features(dimension))) {
            throw dimensionNode.fail(dimensionNode.path() + " " + dimension + " needs the features to be exactly "
                    + "numeric x0..x" + (dimension - 1) + " (write {name: x, type: numeric, count: " + dimension
                    + "}), found " + describe(features));
        }
    }

    private static String describe(List<FeatureSpec> features) {
        List<String> names = features.stream()
                .map(f -> f.name() + (f.type() == FeatureType.NUMERIC ? "" : " (categorical)")).toList();
        String text = names.size() <= 6 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 3)) + ", ..., " + names.get(names.size() - 1);
        return names.size() + " features: " + text;
    }
}

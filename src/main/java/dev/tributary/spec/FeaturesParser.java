package dev.tributary.spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the {@code features} list, expanding the {@code count} shorthand ({@code x} → {@code x0..x<n-1>}). */
final class FeaturesParser {
    static final int DEFAULT_BUCKETS = 64;
    static final int DEFAULT_EMBEDDING = 4;
    static final int MAX_COUNT = 1 << 20;

    private FeaturesParser() {
    }

    static List<FeatureSpec> parse(YamlNode node) {
        List<YamlNode> items = node.list();
        if (items.isEmpty()) {
            throw node.invalid("must list at least one feature");
        }
        List<FeatureSpec> features = new ArrayList<>();
        Map<String, String> declaredAt = new HashMap<>();
        for (YamlNode item : items) {
            for (FeatureSpec feature : expand(item)) {
                String earlier = declaredAt.putIfAbsent(feature.name(), item.path());
                if (earlier != null) {
                    throw item.get("name").fail(item.path() + " declares feature '" + feature.name()
                            + "', which " + earlier + " already declares; feature names must be unique");
                }
                features.add(feature);
            }
        }
        return features;
    }

    private static List<FeatureSpec> expand(YamlNode item) {
        item.mapping("name", "type", "buckets", "embedding", "count", "vocabulary");
        if (!item.isMapping()) {
            throw item.invalid("must be a mapping with at least name and type");
        }
        String name = item.require("name").string();
        FeatureType type = item.require("type").choice(FeatureType.class);
        if (type == FeatureType.NUMERIC) {
            for (String key : List.of("buckets", "embedding", "vocabulary")) {
                if (item.get(key).isPresent()) {
                    throw item.get(key).error("must be absent for type numeric (only categorical features have it)");
                }
            }
            return SectionBuild.build(item, () -> numeric(name, item.get("count")));
        }
        if (item.get("count").isPresent()) {
            throw item.get("count").error("must be absent for type categorical (count expands numeric features only)");
        }
        int buckets = item.get("buckets").integer(DEFAULT_BUCKETS);
        int embedding = item.get("embedding").integer(DEFAULT_EMBEDDING);
        YamlNode v = item.get("vocabulary");
        VocabularySpec vocabulary = v.isPresent() ? vocabulary(v, buckets) : null;
        return SectionBuild.build(item, () -> List.of(FeatureSpec.categorical(name, buckets, embedding, vocabulary)));
    }

    /** {@code vocabulary: {minCount: 2, expireAfter: 7d, candidates: <buckets>}}; {@code {}} takes the defaults. */
    private static VocabularySpec vocabulary(YamlNode v, int buckets) {
        v.mapping("minCount", "expireAfter", "candidates");
        if (!v.isMapping()) {
            throw v.invalid("must be a mapping (minCount, expireAfter, candidates; {} for the defaults)");
        }
        int minCount = v.get("minCount").integer(VocabularySpec.DEFAULT_MIN_COUNT);
        long expireAfter = 0;
        if (v.get("expireAfter").isPresent()) {
            expireAfter = v.get("expireAfter").duration();
            v.get("expireAfter").check(expireAfter > 0, "must be a positive duration (leave it out to never expire)");
        }
        int candidates = v.get("candidates").integer(minCount == 1 ? 0 : buckets);
        long expire = expireAfter;
        return SectionBuild.build(v, () -> new VocabularySpec(minCount, expire, candidates));
    }

    private static List<FeatureSpec> numeric(String name, YamlNode countNode) {
        if (!countNode.isPresent()) {
            return List.of(FeatureSpec.numeric(name));
        }
        int count = countNode.integer();
        countNode.check(count >= 1 && count <= MAX_COUNT, "must be between 1 and " + MAX_COUNT);
        List<FeatureSpec> features = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            features.add(FeatureSpec.numeric(name + i));
        }
        return features;
    }
}

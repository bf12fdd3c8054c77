package dev.tributary.spec;

import java.util.Objects;

/**
 * One declared input feature.
 *
 * @param name      the feature's key in an event's {@code features}
 * @param type      numeric or categorical
 * @param buckets   categorical only: hash buckets (embedding rows), 0 for numeric
 * @param embedding categorical only: embedding width, 0 for numeric
 */
public record FeatureSpec(String name, FeatureType type, int buckets, int embedding) {
    public FeatureSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    public static FeatureSpec numeric(String name) {
        return new FeatureSpec(name, FeatureType.NUMERIC, 0, 0);
    }

    public static FeatureSpec categorical(String name, int buckets, int embedding) {
        return new FeatureSpec(name, FeatureType.CATEGORICAL, buckets, embedding);
    }
}

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
    /**
     * The most hash buckets of a categorical feature (16,777,216). Whether a topology's tables fit the
     * heap is checked when its learner is built ({@code learner.LearnerMemory}).
     */
    public static final int MAX_BUCKETS = 1 << 24;
    /** The widest embedding. */
    public static final int MAX_EMBEDDING = 256;

    public FeatureSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (name.isBlank() || !name.strip().equals(name) || name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidFieldException("name", "must be a non-empty name without surrounding spaces or control"
                    + " characters", "'" + name + "'");
        }
        if (type == FeatureType.CATEGORICAL) {
            if (buckets < 1 || buckets > MAX_BUCKETS) {
                throw new InvalidFieldException("buckets", "must be between 1 and " + MAX_BUCKETS, buckets);
            }
            if (embedding < 1 || embedding > MAX_EMBEDDING) {
                throw new InvalidFieldException("embedding", "must be between 1 and " + MAX_EMBEDDING, embedding);
            }
        } else if (buckets != 0 || embedding != 0) {
            throw new InvalidFieldException(buckets != 0 ? "buckets" : "embedding",
                    "must be 0 for type numeric (only categorical features have it)", buckets != 0 ? buckets : embedding);
        }
    }

    public static FeatureSpec numeric(String name) {
        return new FeatureSpec(name, FeatureType.NUMERIC, 0, 0);
    }

    public static FeatureSpec categorical(String name, int buckets, int embedding) {
        return new FeatureSpec(name, FeatureType.CATEGORICAL, buckets, embedding);
    }
}

package dev.tributary.spec;

import java.util.Objects;

/**
 * One declared input feature.
 *
 * @param name      the feature's key in an event's {@code features}
 * @param type      numeric or categorical
 * @param buckets   categorical only: hash buckets (embedding rows), 0 for numeric
 * @param embedding categorical only: embedding width, 0 for numeric
 * @param vocabulary categorical only: a collision-free vocabulary of at most {@code buckets - 1}
 *                  values instead of hashing; null: values are hashed into the buckets
 */
public record FeatureSpec(String name, FeatureType type, int buckets, int embedding, VocabularySpec vocabulary) {
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
            if (vocabulary != null && buckets < 2) {
                throw new InvalidFieldException("buckets", "must be at least 2 with a vocabulary (row 0 is the"
                        + " unknown row)", buckets);
            }
        } else if (buckets != 0 || embedding != 0) {
            throw new InvalidFieldException(buckets != 0 ? "buckets" : "embedding",
                    "must be 0 for type numeric (only categorical features have it)", buckets != 0 ? buckets : embedding);
        } else if (vocabulary != null) {
            throw new InvalidFieldException("vocabulary", "must be absent for type numeric", vocabulary);
        }
    }

    /** A feature without a vocabulary: numeric, or categorical hashed into its buckets. */
    public FeatureSpec(String name, FeatureType type, int buckets, int embedding) {
        this(name, type, buckets, embedding, null);
    }

    /** Whether the feature's values get rows from a vocabulary rather than by hashing. */
    public boolean hasVocabulary() {
        return vocabulary != null;
    }

    /**
     * The text old snapshots' fingerprints were computed from ({@link TopologySpec#legacyFingerprint}):
     * without a vocabulary, exactly the four-component record's.
     */
    @Override
    public String toString() {
        return "FeatureSpec[name=" + name + ", type=" + type + ", buckets=" + buckets + ", embedding=" + embedding
                + (vocabulary == null ? "" : ", vocabulary=" + vocabulary) + "]";
    }

    public static FeatureSpec numeric(String name) {
        return new FeatureSpec(name, FeatureType.NUMERIC, 0, 0);
    }

    public static FeatureSpec categorical(String name, int buckets, int embedding) {
        return new FeatureSpec(name, FeatureType.CATEGORICAL, buckets, embedding);
    }

    /** A categorical feature whose values get rows from a bounded vocabulary. */
    public static FeatureSpec categorical(String name, int buckets, int embedding, VocabularySpec vocabulary) {
        return new FeatureSpec(name, FeatureType.CATEGORICAL, buckets, embedding, vocabulary);
    }
}

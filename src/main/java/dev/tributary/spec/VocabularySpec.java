package dev.tributary.spec;

/**
 * A collision-free vocabulary for a categorical feature, instead of hashing: each admitted value owns
 * one embedding row of the feature's table ({@code buckets} rows, row 0 shared by missing values and
 * values not admitted). A value is admitted once it has arrived {@code minCount} times (frequency
 * filtering); a row whose value has not arrived for {@code expireAfterMs} of event time is freed, and
 * when the table is full the least recently seen value gives its row to the new one.
 *
 * @param minCount      arrivals before a value gets its own row (1: at its first arrival)
 * @param expireAfterMs event time after which a row not seen is freed; 0: rows are freed only when
 *                      the table is full
 * @param candidates    values counted towards admission at most (the least recently seen is
 *                      forgotten when full); 0 when {@code minCount} is 1
 */
public record VocabularySpec(int minCount, long expireAfterMs, int candidates) {
    /** The default {@code minCount}: a value seen once does not get a row. */
    public static final int DEFAULT_MIN_COUNT = 2;
    /** The largest {@code minCount}. */
    public static final int MAX_MIN_COUNT = 1_000_000;

    public VocabularySpec {
        if (minCount < 1 || minCount > MAX_MIN_COUNT) {
            throw new InvalidFieldException("minCount", "must be between 1 and " + MAX_MIN_COUNT, minCount);
        }
        if (expireAfterMs < 0) {
            throw new InvalidFieldException("expireAfter", "must be a positive duration (or absent: never)",
                    expireAfterMs + " ms");
        }
        if (minCount == 1 && candidates != 0) {
            throw new InvalidFieldException("candidates", "must be absent when minCount is 1 (nothing is counted"
                    + " before admission)", candidates);
        }
        if (minCount > 1 && (candidates < 1 || candidates > FeatureSpec.MAX_BUCKETS)) {
            throw new InvalidFieldException("candidates", "must be between 1 and " + FeatureSpec.MAX_BUCKETS,
                    candidates);
        }
    }

    /** Whether rows expire by event time. */
    public boolean expires() {
        return expireAfterMs > 0;
    }
}

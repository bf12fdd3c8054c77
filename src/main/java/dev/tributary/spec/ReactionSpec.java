package dev.tributary.spec;

import java.util.Objects;

/**
 * One drift reaction.
 *
 * @param type    what to do
 * @param factor  BOOST_LR: learning-rate multiplier of the task's own parameters, &gt; 0
 * @param batches BOOST_LR: training batches the boost lasts, &ge; 1
 */
public record ReactionSpec(ReactionType type, double factor, int batches) {
    /** BOOST_LR's default factor. */
    public static final double DEFAULT_FACTOR = 3.0;
    /** BOOST_LR's default duration in batches. */
    public static final int DEFAULT_BATCHES = 200;

    public ReactionSpec {
        Objects.requireNonNull(type, "type");
        Require.positive("factor", factor);
        Require.atLeast("batches", batches, 1, "must be at least 1");
    }

    /** A reaction of this type with the default factor and duration. */
    public static ReactionSpec of(ReactionType type) {
        return new ReactionSpec(type, DEFAULT_FACTOR, DEFAULT_BATCHES);
    }

    /** How the reaction is named in drift records: {@code reset-tower}, {@code boost-lr}, ... */
    public String yamlName() {
        return Names.yamlName(type);
    }
}

package dev.tributary.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * The synthetic multi-task stream of Ma et al., "Modeling Task Relationships in Multi-task Learning
 * with Multi-gate Mixture-of-Experts" (KDD 2018), §4: orthogonal unit vectors {@code u_1..u_T},
 * {@code w_1 = c·u_1}, {@code w_i = c·(p·u_1 + √(1−p²)·u_i)}, {@code x ~ N(0, I_d)},
 * {@code y_i = w_iᵀx + Σ_{j=1..m} sin(α_j w_iᵀx + β_j) + ε}, {@code ε ~ N(0, noise²)}, with α, β ~ N(0,1)
 * shared by the tasks. A binary task's label is {@code y_i > 0}; a regression task's is {@code y_i}.
 * The features are named {@code x0 .. x<d-1>}. Optionally, each row also carries an id (a user, an
 * item), a categorical feature whose values follow a Zipf law and each shift every task's {@code y} by
 * an effect of its own ({@link Ids}).
 *
 * @param dimension   d, the number of numeric features
 * @param correlation p, the cosine between task 1's weight vector and each other task's, in [-1, 1]
 * @param scale       c
 * @param sinTerms    m
 * @param noise       standard deviation of ε (the paper's variance 0.01 is noise 0.1)
 * @param events      how many rows the generator yields (per task label, one event per task per row)
 * @param ids         the id feature, or null for none
 */
public record SyntheticSpec(int dimension, double correlation, double scale, int sinTerms, double noise,
                            long events, Ids ids) {
    /**
     * A high-cardinality id feature: value {@code k} (written {@code "<name>-<k>"}) is drawn with
     * probability proportional to {@code 1/k^exponent}, k = 1..values, and adds {@code effect·z_k} to
     * every task's {@code y}, z_k a standard normal fixed by the seed and k.
     *
     * @param name     the feature's name (declared as a categorical feature after x0 .. x<d-1>)
     * @param values   distinct ids, at least 1
     * @param exponent Zipf exponent, positive (1 to 1.2 is typical of users and items)
     * @param effect   standard deviation of an id's effect on y, at least 0
     */
    public record Ids(String name, int values, double exponent, double effect) {
        public Ids {
            java.util.Objects.requireNonNull(name, "name");
            Require.atLeast("values", values, 1, "must be at least 1");
            Require.positive("exponent", exponent);
            Require.nonNegative("effect", effect);
        }
    }

    /** A generator without an id feature. */
    public SyntheticSpec(int dimension, double correlation, double scale, int sinTerms, double noise, long events) {
        this(dimension, correlation, scale, sinTerms, noise, events, null);
    }

    public SyntheticSpec {
        Require.atLeast("dimension", dimension, 1, "must be at least 1");
        Require.that("correlation", correlation, correlation >= -1 && correlation <= 1, "must be in [-1, 1]");
        Require.positive("scale", scale);
        Require.atLeast("sinTerms", sinTerms, 0, "must be at least 0");
        Require.nonNegative("noise", noise);
        Require.atLeast("events", events, 1, "must be at least 1");
    }

    /** The same generator producing {@code rows} rows. */
    public SyntheticSpec withEvents(long rows) {
        return new SyntheticSpec(dimension, correlation, scale, sinTerms, noise, rows, ids);
    }

    /** The same generator with task correlation {@code p}. */
    public SyntheticSpec withCorrelation(double p) {
        return new SyntheticSpec(dimension, p, scale, sinTerms, noise, events, ids);
    }

    /** The features the generator produces: numeric x0 .. x(dimension − 1). */
    public List<FeatureSpec> features() {
        return features(dimension);
    }

    /** The features a generator of {@code dimension} produces. */
    public static List<FeatureSpec> features(int dimension) {
        List<FeatureSpec> out = new ArrayList<>(dimension);
        for (int i = 0; i < dimension; i++) {
            out.add(FeatureSpec.numeric("x" + i));
        }
        return out;
    }

    /** Defaults for {@code dimension} features: p 0.5, c 1, 10 sine terms, noise 0.1, 100000 rows. */
    public static SyntheticSpec defaults(int dimension) {
        return new SyntheticSpec(dimension, 0.5, 1.0, 10, 0.1, 100_000);
    }
}

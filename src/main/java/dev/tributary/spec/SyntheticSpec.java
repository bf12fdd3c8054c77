package dev.tributary.spec;

/**
 * The synthetic multi-task stream of Ma et al., "Modeling Task Relationships in Multi-task Learning
 * with Multi-gate Mixture-of-Experts" (KDD 2018), §4: orthogonal unit vectors {@code u_1..u_T},
 * {@code w_1 = c·u_1}, {@code w_i = c·(p·u_1 + √(1−p²)·u_i)}, {@code x ~ N(0, I_d)},
 * {@code y_i = w_iᵀx + Σ_{j=1..m} sin(α_j w_iᵀx + β_j) + ε}, {@code ε ~ N(0, noise²)}, with α, β ~ N(0,1)
 * shared by the tasks. A binary task's label is {@code y_i > 0}; a regression task's is {@code y_i}.
 * The features are named {@code x0 .. x<d-1>}.
 *
 * @param dimension   d, the number of numeric features
 * @param correlation p, the cosine between task 1's weight vector and each other task's, in [-1, 1]
 * @param scale       c
 * @param sinTerms    m
 * @param noise       standard deviation of ε (the paper's variance 0.01 is noise 0.1)
 * @param events      how many rows the generator yields (per task label, one event per task per row)
 */
public record SyntheticSpec(int dimension, double correlation, double scale, int sinTerms, double noise,
                            long events) {
    /** Defaults for {@code dimension} features: p 0.5, c 1, 10 sine terms, noise 0.1, 100000 rows. */
    public static SyntheticSpec defaults(int dimension) {
        return new SyntheticSpec(dimension, 0.5, 1.0, 10, 0.1, 100_000);
    }
}

package dev.tributary.spec;

/** How a feature's value is encoded. */
public enum FeatureType {
    /** A number, standardised online by its running mean and variance. */
    NUMERIC,
    /** A string, hashed into a bounded number of learned embedding rows. */
    CATEGORICAL
}

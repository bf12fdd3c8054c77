package dev.tributary.features;

import dev.tributary.spec.FeatureSpec;
import dev.tributary.spec.FeatureType;

import java.util.List;

/**
 * The shape of a network's input: how many numeric values, and for each categorical feature its
 * number of embedding rows and the embedding width.
 */
public record InputShape(int numeric, int[] buckets, int[] dims) {
    public InputShape {
        if (numeric < 0) {
            throw new IllegalArgumentException("numeric must be non-negative, found " + numeric);
        }
        if (buckets.length != dims.length) {
            throw new IllegalArgumentException("buckets and dims differ in length");
        }
        if (numeric + buckets.length == 0) {
            throw new IllegalArgumentException("a network needs at least one input feature");
        }
        buckets = buckets.clone();
        dims = dims.clone();
    }

    /** Numeric features first, in declaration order, then categorical ones, in declaration order. */
    public static InputShape of(List<FeatureSpec> features) {
        int numeric = 0;
        int categorical = 0;
        for (FeatureSpec f : features) {
            if (f.type() == FeatureType.NUMERIC) {
                numeric++;
            } else {
                categorical++;
            }
        }
        int[] buckets = new int[categorical];
        int[] dims = new int[categorical];
        int c = 0;
        for (FeatureSpec f : features) {
            if (f.type() == FeatureType.CATEGORICAL) {
                buckets[c] = f.buckets();
                dims[c++] = f.embedding();
            }
        }
        return new InputShape(numeric, buckets, dims);
    }

    public static InputShape numericOnly(int numeric) {
        return new InputShape(numeric, new int[0], new int[0]);
    }

    public int categorical() {
        return buckets.length;
    }
}

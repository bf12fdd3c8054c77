package dev.tributary.event;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The features a learning topology declares, by name and kind, in the order the learner encodes
 * them. Given to an {@link EventCodec}, it lets the decoder put each declared value straight into
 * its slot ({@link FeatureValues}), so that the learner neither looks features up by name nor
 * re-checks their types. Immutable; equal when the names and their order are equal.
 */
public final class FeatureSchema {
    private final List<String> numeric;
    private final List<String> categorical;
    /** Numeric feature i → i; categorical feature j → -(j + 1). */
    private final Map<String, Integer> slots = new HashMap<>();

    /**
     * @param numeric     the numeric features' names, in encoding order
     * @param categorical the categorical features' names, in encoding order
     */
    public FeatureSchema(List<String> numeric, List<String> categorical) {
        this.numeric = List.copyOf(Objects.requireNonNull(numeric, "numeric"));
        this.categorical = List.copyOf(Objects.requireNonNull(categorical, "categorical"));
        for (int i = 0; i < this.numeric.size(); i++) {
            declare(this.numeric.get(i), i);
        }
        for (int j = 0; j < this.categorical.size(); j++) {
            declare(this.categorical.get(j), -(j + 1));
        }
    }

    private void declare(String name, int slot) {
        if (slots.put(name, slot) != null) {
            throw new IllegalArgumentException("feature '" + name + "' is declared twice");
        }
    }

    public List<String> numeric() {
        return numeric;
    }

    public List<String> categorical() {
        return categorical;
    }

    /** The slot of a feature: {@code i >= 0} for numeric feature i, {@code -(j + 1)} for categorical j, or null. */
    Integer slot(String name) {
        return slots.get(name);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureSchema s && numeric.equals(s.numeric) && categorical.equals(s.categorical);
    }

    @Override
    public int hashCode() {
        return 31 * numeric.hashCode() + categorical.hashCode();
    }

    @Override
    public String toString() {
        return "FeatureSchema{numeric=" + numeric + ", categorical=" + categorical + "}";
    }
}

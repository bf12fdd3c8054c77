package dev.tributary.spec;

import java.util.Objects;
import java.util.Set;

/**
 * Where a task's label comes from in a data set row.
 *
 * @param column   the column holding the label; it is never among that task's features
 * @param positive binary only: the values that mean 1 (others mean 0); empty means the column holds
 *                 0/1 numbers
 */
public record LabelSpec(String column, Set<String> positive) {
    public LabelSpec {
        Objects.requireNonNull(column, "column");
        positive = Set.copyOf(positive);
    }
}

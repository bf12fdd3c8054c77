package dev.tributary.spec;

import java.util.List;

/**
 * A group of experts: how many, and the hidden layer widths of each (ReLU after every layer).
 *
 * @param count  number of experts, 0 for none
 * @param hidden layer widths; the last is the expert's output width
 */
public record ExpertSpec(int count, List<Integer> hidden) {
    public ExpertSpec {
        hidden = List.copyOf(hidden);
    }

    public static ExpertSpec none() {
        return new ExpertSpec(0, List.of());
    }

    /** The width of an expert's output. */
    public int outputWidth() {
        return hidden.isEmpty() ? 0 : hidden.get(hidden.size() - 1);
    }
}

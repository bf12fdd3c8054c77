package dev.tributary.event;

import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An event's features as decoded by an {@link EventCodec} that knows the topology's
 * {@link FeatureSchema}: every declared value sits in its slot ({@link #numeric(int)},
 * {@link #categorical(int)}), and the decoder has already noted how many features the schema does not
 * declare and whether a declared numeric feature carried something other than a number.
 *
 * <p>It is also an ordinary immutable {@code Map<String, Object>} of the features as they arrived
 * (in their order, values typed as {@link Event} describes), so that code which does not know the
 * schema reads it like any other event. That view is built on first use; the learner's fast path
 * never builds it.
 */
public final class FeatureValues extends AbstractMap<String, Object> {
    private final FeatureSchema schema;
    private final double[] numeric;
    private final Object[] categorical;
    private final String[] names;
    /** Per feature in arrival order: its value, or {@link #NUMBER} when it is {@code numbers[k]}. */
    private final Object[] values;
    private final double[] numbers;
    private final int size;
    private final int undeclared;
    private final boolean numericMismatch;
    private Map<String, Object> view;
    private static final Object NUMBER = new Object();

    /** Filled by the decoder, then frozen; {@code numeric} slots hold NaN where the feature is missing. */
    private FeatureValues(FeatureSchema schema, double[] numeric, Object[] categorical, String[] names,
                          Object[] values, double[] numbers, int size, int undeclared, boolean numericMismatch) {
        this.schema = schema;
        this.numeric = numeric;
        this.categorical = categorical;
        this.names = names;
        this.values = values;
        this.numbers = numbers;
        this.size = size;
        this.undeclared = undeclared;
        this.numericMismatch = numericMismatch;
    }

    /** The schema the slots follow. */
    public FeatureSchema schema() {
        return schema;
    }

    /** Numeric feature {@code i}'s value, NaN when it is missing or null (decoded numbers are finite). */
    public double numeric(int i) {
        return numeric[i];
    }

    /** Categorical feature {@code j}'s value ({@link String} or {@link Double}), null when missing. */
    public Object categorical(int j) {
        return categorical[j];
    }

    /** How many of the event's features the schema does not declare. */
    public int undeclared() {
        return undeclared;
    }

    /**
     * Whether a declared numeric feature carried a string or boolean: the slots are then incomplete,
     * and the map view shows the value so that validation can name it.
     */
    public boolean numericMismatch() {
        return numericMismatch;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Object get(Object key) {
        return view().get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return view().containsKey(key);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return view().entrySet();
    }

    private Map<String, Object> view() {
        if (view == null) {
            Map<String, Object> m = new LinkedHashMap<>(size * 2);
            for (int k = 0; k < size; k++) {
                m.put(names[k], values[k] == NUMBER ? (Object) numbers[k] : values[k]);
            }
            view = Collections.unmodifiableMap(m);
        }
        return view;
    }

    /** Collects one event's features in arrival order; {@link #build} freezes them. */
    static final class Builder {
        private final FeatureSchema schema;
        private final double[] numeric;
        private final Object[] categorical;
        private final boolean[] seen;
        private String[] names = new String[16];
        private Object[] values = new Object[16];
        private double[] numbers = new double[16];
        private int size;
        private int undeclared;
        private boolean numericMismatch;
        private Set<String> undeclaredNames;

        Builder(FeatureSchema schema) {
            this.schema = schema;
            this.numeric = new double[schema.numeric().size()];
            Arrays.fill(numeric, Double.NaN);
            this.categorical = new Object[schema.categorical().size()];
            this.seen = new boolean[numeric.length + categorical.length];
        }

        int size() {
            return size;
        }

        /** Adds a number (finite); false if the event already had a feature of this name. */
        boolean addNumber(String name, double value) {
            int slot = claim(name);
            if (slot == DUPLICATE) {
                return false;
            }
            if (slot >= 0 && slot != UNDECLARED) {
                numeric[slot] = value;
            } else if (slot < 0) {
                categorical[-slot - 1] = value;
            }
            append(name, NUMBER, value);
            return true;
        }

        /** Adds a string or null value; false if the event already had a feature of this name. */
        boolean add(String name, String value) {
            int slot = claim(name);
            if (slot == DUPLICATE) {
                return false;
            }
            if (slot >= 0 && slot != UNDECLARED) {
                numericMismatch |= value != null;
            } else if (slot < 0) {
                categorical[-slot - 1] = value;
            }
            append(name, value, Double.NaN);
            return true;
        }

        private static final int UNDECLARED = Integer.MAX_VALUE;
        private static final int DUPLICATE = Integer.MIN_VALUE;

        /** The feature's slot, {@link #UNDECLARED}, or {@link #DUPLICATE} if it was seen before. */
        private int claim(String name) {
            Integer slot = schema.slot(name);
            if (slot == null) {
                if (undeclaredNames == null) {
                    undeclaredNames = new java.util.HashSet<>();
                }
                if (!undeclaredNames.add(name)) {
                    return DUPLICATE;
                }
                undeclared++;
                return UNDECLARED;
            }
            int s = slot >= 0 ? slot : numeric.length - slot - 1;
            if (seen[s]) {
                return DUPLICATE;
            }
            seen[s] = true;
            return slot;
        }

        private void append(String name, Object value, double number) {
            if (size == names.length) {
                names = Arrays.copyOf(names, size * 2);
                values = Arrays.copyOf(values, size * 2);
                numbers = Arrays.copyOf(numbers, size * 2);
            }
            names[size] = name;
            numbers[size] = number;
            values[size++] = value;
        }

        FeatureValues build() {
            return new FeatureValues(schema, numeric, categorical, names, values, numbers, size, undeclared,
                    numericMismatch);
        }
    }
}

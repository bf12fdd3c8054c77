package dev.tributary.features;

import dev.tributary.event.FeatureSchema;
import dev.tributary.event.FeatureValues;
import dev.tributary.spec.FeatureSpec;
import dev.tributary.spec.FeatureType;
import dev.tributary.util.Stateful;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Turns an event's feature map into one row of a {@link Batch}: numeric features standardised by
 * their running mean and variance (clipped to ±{@value #CLIP} standard deviations), categorical
 * features hashed into a fixed number of embedding rows ("the hashing trick", Weinberger et al., ICML
 * 2009), or, for a feature with a {@link Vocabulary}, given the row their value owns (row 0 until it
 * is admitted). Memory is bounded by the spec however many distinct values arrive.
 *
 * <p>Missing values: a missing numeric feature encodes as 0 (its running mean); a missing categorical
 * feature uses embedding row 0, which no present value hashes to (when it has more than one bucket).
 * Features an event has but the spec does not declare are ignored (the learner counts them).
 *
 * <p>Call order per event: {@link #encode} with the current statistics (prediction sees only the
 * past), then {@link #observe} to fold the event into them (and its values into the vocabularies).
 */
public final class FeatureEncoder implements Stateful {
    public static final double CLIP = 8.0;
    private final String[] numericNames;
    private final String[] categoricalNames;
    private final int[] buckets;
    /** Per categorical feature, its vocabulary, or null when it is hashed. */
    private final Vocabulary[] vocabularies;
    /** The categorical indices of the features with a vocabulary. */
    private final int[] vocabularyFeatures;
    private final RunningStats[] stats;
    private final InputShape shape;
    private final Map<String, Integer> declared = new HashMap<>();
    private final FeatureSchema schema;
    /** The last schema found equal to {@link #schema}: most events share one instance with it. */
    private FeatureSchema matched;

    public FeatureEncoder(List<FeatureSpec> features) {
        this.shape = InputShape.of(features);
        numericNames = features.stream().filter(f -> f.type() == FeatureType.NUMERIC)
                .map(FeatureSpec::name).toArray(String[]::new);
        categoricalNames = features.stream().filter(f -> f.type() == FeatureType.CATEGORICAL)
                .map(FeatureSpec::name).toArray(String[]::new);
        buckets = features.stream().filter(f -> f.type() == FeatureType.CATEGORICAL)
                .mapToInt(FeatureSpec::buckets).toArray();
        List<FeatureSpec> categorical = features.stream().filter(f -> f.type() == FeatureType.CATEGORICAL).toList();
        vocabularies = new Vocabulary[categorical.size()];
        for (int i = 0; i < vocabularies.length; i++) {
            FeatureSpec f = categorical.get(i);
            vocabularies[i] = f.hasVocabulary() ? new Vocabulary(f.vocabulary(), f.buckets()) : null;
        }
        vocabularyFeatures = IntStream.range(0, vocabularies.length)
                .filter(i -> vocabularies[i] != null).toArray();
        stats = new RunningStats[numericNames.length];
        for (int i = 0; i < stats.length; i++) {
            stats[i] = new RunningStats();
            declared.put(numericNames[i], i);
        }
        for (int i = 0; i < categoricalNames.length; i++) {
            declared.put(categoricalNames[i], i);
        }
        schema = schemaOf(features);
        matched = schema;
    }

    /** The schema an encoder of these features has: numeric and categorical names in declaration order. */
    public static FeatureSchema schemaOf(List<FeatureSpec> features) {
        return new FeatureSchema(
                features.stream().filter(f -> f.type() == FeatureType.NUMERIC).map(FeatureSpec::name).toList(),
                features.stream().filter(f -> f.type() == FeatureType.CATEGORICAL).map(FeatureSpec::name).toList());
    }

    /** The declared features in encoding order: give it to the event codec for {@link FeatureValues}. */
    public FeatureSchema schema() {
        return schema;
    }

    /**
     * The features as slots of this encoder's schema, or null when they are a plain map (or slots
     * of another schema, or incomplete because a numeric feature carried a string).
     */
    public FeatureValues slotted(Map<String, Object> features) {
        if (!(features instanceof FeatureValues v) || v.numericMismatch()) {
            return null;
        }
        if (v.schema() != matched) {
            if (!v.schema().equals(schema)) {
                return null;
            }
            matched = v.schema();
        }
        return v;
    }

    public InputShape shape() {
        return shape;
    }

    /** Whether the spec declares a feature of this name. */
    public boolean declares(String name) {
        return declared.containsKey(name);
    }

    /**
     * Writes row {@code row} of {@code batch}. Values must already be validated: {@link Number}
     * (finite) for numeric features, {@link String} or {@link Number} for categorical ones, or null.
     */
    public void encode(Map<String, Object> features, Batch batch, int row) {
        FeatureValues slots = slotted(features);
        if (slots != null) {
            encode(slots, batch, row);
            return;
        }
        int nb = row * numericNames.length;
        for (int i = 0; i < numericNames.length; i++) {
            Object v = features.get(numericNames[i]);
            double z = v == null ? 0.0 : stats[i].standardise(((Number) v).doubleValue());
            batch.numeric[nb + i] = (float) Math.max(-CLIP, Math.min(CLIP, z));
        }
        int cb = row * categoricalNames.length;
        for (int i = 0; i < categoricalNames.length; i++) {
            batch.categorical[cb + i] = bucket(i, features.get(categoricalNames[i]));
        }
    }

    private void encode(FeatureValues v, Batch batch, int row) {
        int nb = row * numericNames.length;
        for (int i = 0; i < numericNames.length; i++) {
            double x = v.numeric(i);
            double z = Double.isNaN(x) ? 0.0 : stats[i].standardise(x);
            batch.numeric[nb + i] = (float) Math.max(-CLIP, Math.min(CLIP, z));
        }
        int cb = row * categoricalNames.length;
        for (int i = 0; i < categoricalNames.length; i++) {
            batch.categorical[cb + i] = bucket(i, v.categorical(i));
        }
    }

    /**
     * Folds the event's numeric values into the running statistics and its values of vocabulary
     * features into their vocabularies (at event time {@code timestamp}); returns whether a vocabulary
     * gave a row to a new value (its previous contents are then to be re-initialised: see
     * {@link #vocabulary}).
     */
    public boolean observe(Map<String, Object> features, long timestamp) {
        long[] ids = new long[vocabularyFeatures.length];
        fingerprints(features, ids, 0);
        return observe(features, timestamp, ids, 0);
    }

    /**
     * {@link #observe(Map, long)} with the fingerprints of the event's vocabulary values already
     * written by {@link #fingerprints} into {@code ids[at ..]}.
     */
    public boolean observe(Map<String, Object> features, long timestamp, long[] ids, int at) {
        FeatureValues slots = slotted(features);
        if (slots != null) {
            for (int i = 0; i < numericNames.length; i++) {
                double x = slots.numeric(i);
                if (!Double.isNaN(x)) {
                    stats[i].add(x);
                }
            }
        } else {
            for (int i = 0; i < numericNames.length; i++) {
                Object v = features.get(numericNames[i]);
                if (v != null) {
                    stats[i].add(((Number) v).doubleValue());
                }
            }
        }
        boolean reassigned = false;
        for (int k = 0; k < vocabularyFeatures.length; k++) {
            long id = ids[at + k];
            if (id != 0) {
                reassigned |= vocabularies[vocabularyFeatures[k]].observe(id, timestamp);
            }
        }
        return reassigned;
    }

    /** The running statistics numeric feature {@code i} is standardised by (live: they keep learning). */
    public RunningStats numericStats(int i) {
        return stats[i];
    }

    /** The categorical indices of the features with a vocabulary, in order. */
    public int[] vocabularyFeatures() {
        return vocabularyFeatures.clone();
    }

    /** The vocabulary of categorical feature {@code feature}, or null when it is hashed. */
    public Vocabulary vocabulary(int feature) {
        return vocabularies[feature];
    }

    /** The name of categorical feature {@code feature}. */
    public String categoricalName(int feature) {
        return categoricalNames[feature];
    }

    /**
     * Writes the fingerprints of the event's values of vocabulary features into
     * {@code out[at .. at + vocabularyFeatures().length)} (0 for a missing value), so that a buffered
     * example can look its rows up again when it is trained on.
     */
    public void fingerprints(Map<String, Object> features, long[] out, int at) {
        FeatureValues slots = slotted(features);
        for (int k = 0; k < vocabularyFeatures.length; k++) {
            int i = vocabularyFeatures[k];
            out[at + k] = fingerprint(slots != null ? slots.categorical(i) : features.get(categoricalNames[i]));
        }
    }

    int bucket(int feature, Object value) {
        if (vocabularies[feature] != null) {
            return vocabularies[feature].row(fingerprint(value));
        }
        int n = buckets[feature];
        if (value == null || n == 1) {
            return 0;
        }
        String text = value instanceof String s ? s : categoricalText((Number) value);
        long h = mix(text.hashCode() * 0x9E3779B97F4A7C15L + feature);
        return 1 + (int) Long.remainderUnsigned(h, n - 1);
    }

    /**
     * A 64-bit fingerprint of a categorical value's text (FNV-1a over its UTF-16 units, then a 64-bit
     * finaliser), never 0, which stands for a missing value.
     */
    static long fingerprint(Object value) {
        if (value == null) {
            return 0;
        }
        String text = value instanceof String s ? s : categoricalText((Number) value);
        long h = 0xCBF29CE484222325L;
        for (int i = 0; i < text.length(); i++) {
            h = (h ^ text.charAt(i)) * 0x100000001B3L;
        }
        h = mix(h ^ text.length());
        return h == 0 ? 1 : h;
    }

    /** A number used as a category: integers print without a decimal point (13, not 13.0). */
    static String categoricalText(Number n) {
        double d = n.doubleValue();
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeInt(stats.length);
        for (RunningStats s : stats) {
            s.writeState(out);
        }
    }

    @Override
    public void readState(DataInput in) throws IOException {
        int n = in.readInt();
        if (n != stats.length) {
            throw new IOException("snapshot has " + n + " numeric feature normalisers, spec declares " + stats.length);
        }
        for (RunningStats s : stats) {
            s.readState(in);
        }
    }
}

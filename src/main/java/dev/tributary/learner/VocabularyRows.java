package dev.tributary.learner;

import dev.tributary.features.Batch;
import dev.tributary.features.FeatureEncoder;
import dev.tributary.features.Vocabulary;
import dev.tributary.model.ParamLayout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The learner's side of its features' vocabularies: the fingerprints of each scored row's values
 * (kept with a buffered example), the rows a training batch looks up again from them, and the rows a
 * vocabulary gave to new values, started afresh in every table of the feature.
 */
final class VocabularyRows {
    private final FeatureEncoder encoder;
    /** The categorical indices of the vocabulary features. */
    final int[] features;
    /** Per vocabulary feature, its tables among the layout's (one per task in families without sharing). */
    private final int[][] tables;
    /** Per scored row, the fingerprints of its vocabulary features' values. */
    private final long[] scored;

    VocabularyRows(FeatureEncoder encoder, ParamLayout layout, int batchSize) {
        this.encoder = encoder;
        this.features = encoder.vocabularyFeatures();
        this.tables = new int[features.length][];
        for (int k = 0; k < features.length; k++) {
            tables[k] = layout.tablesOf(features[k]);
        }
        this.scored = new long[batchSize * features.length];
    }

    boolean any() {
        return features.length > 0;
    }

    /**
     * Keeps the fingerprints of scored row {@code row}'s values and folds the event into the encoder
     * with them ({@link FeatureEncoder#observe(Map, long, long[], int)}); returns whether a vocabulary
     * gave a row to a new value.
     */
    boolean observe(Map<String, Object> eventFeatures, long timestamp, int row) {
        if (features.length > 0) {
            encoder.fingerprints(eventFeatures, scored, row * features.length);
        }
        return encoder.observe(eventFeatures, timestamp, scored, row * features.length);
    }

    /** The fingerprints of scored row {@code row}, for its example. */
    long[] fingerprints(int row) {
        int n = features.length;
        return Arrays.copyOfRange(scored, row * n, row * n + n);
    }

    /** Row {@code r} of a training batch: each vocabulary feature's row as the vocabulary has it now. */
    void lookUp(Example ex, Batch batch, int r) {
        int nc = batch.categoricalWidth;
        for (int k = 0; k < features.length; k++) {
            int f = features[k];
            batch.categorical[r * nc + f] = encoder.vocabulary(f).row(ex.ids()[k]);
        }
    }

    /** Starts afresh each row a vocabulary gave to a new value, in each table of the feature. */
    void restartReassigned(Trainer trainer) {
        for (int k = 0; k < features.length; k++) {
            Vocabulary vocabulary = encoder.vocabulary(features[k]);
            var rows = vocabulary.reassigned();
            for (int i = 0; i < rows.size(); i++) {
                for (int table : tables[k]) {
                    trainer.restartRow(table, rows.getInt(i));
                }
            }
            vocabulary.clearReassigned();
        }
    }

    /** Counts every vocabulary entry as changed (the state came from a full snapshot). */
    void markAllChanged() {
        for (int f : features) {
            encoder.vocabulary(f).markAllChanged();
        }
    }

    List<LearnerStats.VocabularyStats> stats() {
        List<LearnerStats.VocabularyStats> out = new ArrayList<>();
        for (int f : features) {
            Vocabulary v = encoder.vocabulary(f);
            out.add(new LearnerStats.VocabularyStats(encoder.categoricalName(f), v.buckets(), v.live(), v.counting(),
                    v.admitted(), v.evicted(), v.expired(), v.lookups(), v.unknown()));
        }
        return out;
    }
}

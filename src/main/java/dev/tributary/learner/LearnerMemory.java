package dev.tributary.learner;

import dev.tributary.features.InputShape;
import dev.tributary.features.Vocabulary;
import dev.tributary.model.Networks;
import dev.tributary.spec.EmbeddingUpdate;
import dev.tributary.spec.FeatureSpec;
import dev.tributary.spec.FeatureType;
import dev.tributary.spec.ModelFamily;
import dev.tributary.spec.OptimizerType;
import dev.tributary.spec.TopologySpec;
import dev.tributary.spec.WeightingType;

import java.util.ArrayList;
import java.util.List;

/**
 * The memory a learner of a topology holds in its flat buffers, computed from the spec before any is
 * allocated: every parameter has a value, a gradient and the optimizer's moments (Adam 2, AdaGrad 1,
 * SGD with momentum 1, plain SGD 0), plus one more gradient buffer under GradNorm; every embedding row
 * also has two 4-byte marks (rows touched by a step, rows changed since the last checkpoint) and, for
 * lazy Adam, an 8-byte update count. A table of {@code rows × width} thus takes
 * {@code rows × width × 4 × (2 + moments) + rows × (8 + 8)} bytes with lazy Adam. A feature with a
 * vocabulary adds {@value dev.tributary.features.Vocabulary#BYTES_PER_SLOT} bytes per row and per
 * candidate slot (its entries, their recency list and the hash index from value to row).
 *
 * @param tables       each categorical feature's table (one per task for single-task and soft sharing)
 * @param dense        parameters outside the tables
 * @param buffers      floats held per parameter
 * @param rowBytes     bytes held per embedding row besides its floats
 * @param bytes        the total
 * @param everyRow     rows every step updates and every commit writes under dense embedding updates
 *                     (0 with lazy updates, which touch only the rows a batch uses)
 */
public record LearnerMemory(List<Table> tables, long dense, int buffers, int rowBytes, long bytes, long everyRow) {
    /** The share of the heap the learner's buffers may take; the rest is the application's. */
    public static final double HEAP_SHARE = 0.75;

    /**
     * One embedding table: its feature, copies (one per task without sharing), rows, width, and bytes,
     * of which {@code vocabularyBytes} the feature's vocabulary (0 when it is hashed).
     */
    public record Table(String feature, int copies, long rows, int width, long bytes, long vocabularyBytes) {
    }

    public static LearnerMemory of(TopologySpec spec) {
        int moments = switch (spec.optimizer().type()) {
            case ADAM -> 2;
            case ADAGRAD -> 1;
            case SGD -> spec.optimizer().beta1() > 0 ? 1 : 0;
        };
        int buffers = 2 + moments + (spec.weighting().type() == WeightingType.GRADNORM ? 1 : 0);
        boolean counts = spec.optimizer().type() == OptimizerType.ADAM
                && spec.optimizer().embeddings() == EmbeddingUpdate.LAZY;
        int rowBytes = 8 + (counts ? 8 : 0);
        ModelFamily family = spec.model().family();
        int copies = family == ModelFamily.SINGLE_TASK || family == ModelFamily.SOFT_SHARING ? spec.tasks().size() : 1;
        List<Table> tables = new ArrayList<>();
        long tableFloats = 0;
        long allRows = 0;
        long bytes = 0;
        for (FeatureSpec f : spec.features()) {
            if (f.type() == FeatureType.CATEGORICAL) {
                long rows = (long) copies * f.buckets();
                long floats = rows * f.embedding();
                long vocabulary = f.hasVocabulary()
                        ? ((long) f.buckets() - 1 + f.vocabulary().candidates()) * Vocabulary.BYTES_PER_SLOT : 0;
                long b = floats * 4 * buffers + rows * rowBytes + vocabulary;
                tables.add(new Table(f.name(), copies, f.buckets(), f.embedding(), b, vocabulary));
                tableFloats += floats;
                allRows += rows;
                bytes += b;
            }
        }
        long dense = tableFloats < Integer.MAX_VALUE ? denseParameters(spec, tableFloats) : 0;
        bytes += dense * 4 * buffers;
        boolean denseUpdates = spec.optimizer().embeddings() == EmbeddingUpdate.DENSE;
        return new LearnerMemory(List.copyOf(tables), dense, buffers, rowBytes, bytes, denseUpdates ? allRows : 0);
    }

    private static long denseParameters(TopologySpec spec, long tableFloats) {
        try {
            long all = Networks.create(spec.model(), InputShape.of(spec.features()), spec.tasks()).layout().size();
            return all - tableFloats;
        } catch (ArithmeticException e) {
            return 0;
        }
    }

    /** Parameters in all. */
    public long parameters() {
        long n = dense;
        for (Table t : tables) {
            n += (long) t.copies() * t.rows() * t.width();
        }
        return n;
    }

    /** One line per table and one for the rest, with the total. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        for (Table t : tables) {
            b.append(String.format("table %s: %s%,d × %d: %s%s; ", t.feature(), t.copies() > 1 ? t.copies() + " × " : "",
                    t.rows(), t.width(), mb(t.bytes()),
                    t.vocabularyBytes() > 0 ? " (vocabulary " + mb(t.vocabularyBytes()) + ")" : ""));
        }
        b.append(String.format("dense layers: %,d parameters, %s; %d floats per parameter (value, gradient%s);"
                + " total %s", dense, mb(dense * 4 * buffers), buffers, buffers > 2 ? ", optimizer state" : "",
                mb(bytes)));
        if (everyRow > 0) {
            b.append(String.format("; optimizer.embeddings dense: every step updates, and every commit writes, all"
                    + " %,d embedding rows", everyRow));
        }
        return b.toString();
    }

    /**
     * Refuses a topology whose learner would not fit {@link #HEAP_SHARE} of {@code maxHeap} bytes (or
     * whose parameters would not fit one Java array), with the numbers.
     */
    public void requireFits(String topology, long maxHeap) {
        if (parameters() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(String.format("topology '%s' has %,d parameters; the learner holds"
                    + " them in Java arrays of at most 2,147,483,639: use fewer buckets or narrower embeddings (%s)",
                    topology, parameters(), describe()));
        }
        long allowed = (long) (HEAP_SHARE * maxHeap);
        if (bytes > allowed) {
            throw new IllegalArgumentException(String.format("topology '%s' needs %s for its learner but the heap"
                    + " allows %s (%.0f%% of -Xmx %s): %s. Give the JVM at least -Xmx%dm, or use fewer buckets or"
                    + " narrower embeddings", topology, mb(bytes), mb(allowed), HEAP_SHARE * 100, mb(maxHeap),
                    describe(), (long) Math.ceil(bytes / HEAP_SHARE / (1 << 20))));
        }
    }

    static String mb(long bytes) {
        return String.format("%,.1f MB", bytes / 1048576.0);
    }
}

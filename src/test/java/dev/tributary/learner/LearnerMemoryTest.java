package dev.tributary.learner;

import dev.tributary.features.Vocabulary;
import dev.tributary.spec.FeatureSpec;
import dev.tributary.spec.OptimizerSpec;
import dev.tributary.spec.OptimizerType;
import dev.tributary.spec.SpecLoader;
import dev.tributary.spec.TopologySpec;
import dev.tributary.spec.VocabularySpec;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The learner's memory from its spec, against the closed form, and the refusal with the numbers. */
class LearnerMemoryTest {
    static final TopologySpec IDS = SpecLoader.load(Path.of("topology/bench-ids.yaml"));

    static TopologySpec withUser(TopologySpec s, int buckets, int width, OptimizerSpec optimizer) {
        List<FeatureSpec> features = new ArrayList<>(s.features().subList(0, 16));
        features.add(FeatureSpec.categorical("user", buckets, width));
        return new TopologySpec(s.name(), s.seed(), s.tasks(), features, s.model(), optimizer, s.weighting(),
                s.sampler(), s.batch(), null, s.synthetic(), s.monitoring());
    }

    @Test
    void shouldCountAVocabularysRowsAndCandidates() {
        List<FeatureSpec> features = new ArrayList<>(IDS.features().subList(0, 16));
        features.add(FeatureSpec.categorical("user", 1000, 8, new VocabularySpec(3, 0, 500)));
        TopologySpec s = new TopologySpec(IDS.name(), IDS.seed(), IDS.tasks(), features, IDS.model(), IDS.optimizer(),
                IDS.weighting(), IDS.sampler(), IDS.batch(), null, IDS.synthetic(), IDS.monitoring());
        LearnerMemory m = LearnerMemory.of(s);
        long vocabulary = (999L + 500) * Vocabulary.BYTES_PER_SLOT;
        assertEquals(vocabulary, m.tables().get(0).vocabularyBytes());
        assertEquals(1000L * 8 * 4 * 4 + 1000 * 16 + vocabulary, m.tables().get(0).bytes());
        assertTrue(m.describe().startsWith("table user: 1,000 × 8: 0.2 MB (vocabulary 0.1 MB); "), m.describe());
    }

    @Test
    void shouldCountEveryBufferOfATableAndOfTheDenseLayers() {
        LearnerMemory m = LearnerMemory.of(IDS);
        long rows = 1_048_576;
        // Lazy Adam: value, gradient, 2 moments per float; two marks and an update count per row.
        assertEquals(rows * 16 * 4 * 4 + rows * 16, m.tables().get(0).bytes());
        Learner l = new Learner(IDS);
        assertEquals(l.parameterCount(), m.parameters(), "the layout the learner builds");
        assertEquals(m.tables().get(0).bytes() + m.dense() * 16, m.bytes());
        LearnerMemory sgd = LearnerMemory.of(withUser(IDS, 1000, 8,
                new OptimizerSpec(OptimizerType.SGD, 0.01, 0, 0.999, 1e-8, 0, 0)));
        assertEquals(1000L * 8 * 4 * 2 + 1000 * 8, sgd.tables().get(0).bytes(), "plain SGD: value and gradient");
        assertTrue(m.describe().startsWith("table user: 1,048,576 × 16: 272.0 MB; dense layers: "), m.describe());
        LearnerMemory dense = LearnerMemory.of(withUser(IDS, 1000, 8,
                IDS.optimizer().withEmbeddings(dev.tributary.spec.EmbeddingUpdate.DENSE)));
        assertTrue(dense.describe().endsWith("; optimizer.embeddings dense: every step updates, and every commit"
                + " writes, all 1,000 embedding rows"), dense.describe());
        assertEquals(0, m.everyRow(), "lazy updates touch the rows a batch uses");
    }

    @Test
    void shouldRefuseATableThatWouldNotFitTheHeapWithTheNumbers() {
        TopologySpec big = withUser(IDS, 16_777_216, 20, IDS.optimizer());
        LearnerMemory m = LearnerMemory.of(big);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.requireFits("ids", 1024L << 20));
        assertTrue(e.getMessage().startsWith("topology 'ids' needs 5,376.2 MB for its learner but the heap allows"
                + " 768.0 MB (75% of -Xmx 1,024.0 MB): table user: 16,777,216 × 20: 5,376.0 MB; dense layers: "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("Give the JVM at least -Xmx7169m, or use fewer buckets or narrower"
                + " embeddings"), e.getMessage());
        m.requireFits("ids", 8L << 30);
    }

    @Test
    void shouldRefuseMoreParametersThanAJavaArrayHolds() {
        TopologySpec huge = withUser(IDS, 16_777_216, 200, IDS.optimizer());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LearnerMemory.of(huge).requireFits("huge", Long.MAX_VALUE));
        assertTrue(e.getMessage().startsWith("topology 'huge' has 3,355,443,200 parameters; the learner holds them in"
                + " Java arrays of at most 2,147,483,639"), e.getMessage());
    }
}

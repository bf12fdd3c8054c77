package dev.tributary.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.learner.Prediction;
import dev.tributary.util.Rng;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One {@link PredictionCodec} writes every prediction of the learner through one generator and
 * buffer: each record must be a complete JSON object on its own, carrying exactly the prediction's
 * values (read back with Jackson's tree model), whatever was written before it.
 */
class PredictionCodecTest {
    static final ObjectMapper MAPPER = new ObjectMapper();

    static List<Prediction> mixed(int n) {
        Rng rng = new Rng(7);
        List<Prediction> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double score = rng.nextDouble() * (i % 7 == 0 ? 1e6 : 1.0) - (i % 5 == 0 ? 3 : 0);
            Object label = switch (i % 4) {
                case 0 -> null;
                case 1 -> 1.0;
                case 2 -> rng.nextDouble() * 100;
                default -> "cat";
            };
            boolean multiclass = i % 6 == 0;
            double[] dist = multiclass ? new double[]{0.2, 0.5, 0.3} : null;
            out.add(new Prediction("t" + (i % 3), i % 9 == 0 ? null : "e-" + i, 1_763_884_800_000L + i, score, dist,
                    multiclass ? "b" : null, label, i / 3));
        }
        return out;
    }

    @Test
    void shouldWriteEachPredictionAsAWholeRecordWithItsExactValues() throws IOException {
        PredictionCodec codec = new PredictionCodec();
        for (Prediction p : mixed(300)) {
            byte[] bytes = codec.write(p);
            assertEquals('{', bytes[0]);
            assertEquals('}', bytes[bytes.length - 1], "no separator or leftover of an earlier record");
            JsonNode j = MAPPER.readTree(bytes);
            assertEquals(p.id() == null, j.get("id").isNull());
            if (p.id() != null) {
                assertEquals(p.id(), j.get("id").asText());
            }
            assertEquals(p.task(), j.get("task").asText());
            assertEquals(p.score(), j.get("score").asDouble(), 0.0, "the score round-trips exactly");
            assertEquals(p.modelVersion(), j.get("model_version").asLong());
            assertEquals(p.timestamp(), j.get("ts").asLong());
            assertEquals(p.label() != null, j.has("label"));
            if (p.label() instanceof Double d) {
                assertEquals(d, j.get("label").asDouble(), 0.0);
            } else if (p.label() != null) {
                assertEquals(p.label(), j.get("label").asText());
            }
            assertEquals(p.distribution() != null, j.has("distribution"));
            if (p.distribution() != null) {
                assertArrayEquals(p.distribution(), MAPPER.convertValue(j.get("distribution"), double[].class));
                assertEquals(p.predicted(), j.get("predicted").asText());
            }
            assertArrayEquals(bytes, PredictionCodec.encode(p), "a fresh codec writes the same bytes");
        }
    }

    @Test
    void shouldNotShareItsBufferBetweenRecords() {
        PredictionCodec codec = new PredictionCodec();
        List<Prediction> ps = mixed(2);
        byte[] first = codec.write(ps.get(0));
        byte[] copy = first.clone();
        byte[] second = codec.write(ps.get(1));
        assertArrayEquals(copy, first, "writing the next record must not change the previous one");
        assertFalse(java.util.Arrays.equals(first, second));
        assertTrue(second.length > 20);
    }
}

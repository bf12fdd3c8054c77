package dev.tributary.records;

import dev.tributary.event.DeadLetterReason;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.event.EventCodec;
import dev.tributary.event.EventDecodeException;
import dev.tributary.learner.Affinity;
import dev.tributary.learner.DriftAlert;
import dev.tributary.learner.LearnerStats;
import dev.tributary.learner.Prediction;
import dev.tributary.spec.TaskKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every writer's records conform to the published JSON Schemas in {@code docs/schemas}, and the schemas
 * refuse what the writers never produce (so a schema that accepts anything would fail here).
 */
class WireFormatSchemaTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final byte[] EVENT = "{\"id\":\"e-1\",\"features\":{\"x\":1.5}}".getBytes(StandardCharsets.UTF_8);

    static void assertConforms(String schema, byte[] json) {
        List<String> problems = WireSchemas.problems(schema, json);
        assertEquals(List.of(), problems, schema + ": " + new String(json, StandardCharsets.UTF_8));
    }

    static void assertRefused(String schema, JsonNode json) {
        assertFalse(WireSchemas.problems(schema, json).isEmpty(), schema + " accepted " + json);
    }

    static ObjectNode tree(byte[] json) throws Exception {
        return (ObjectNode) JSON.readTree(json);
    }

    @Test
    void shouldPublishOneSchemaPerRecordTypeForDraft202012() {
        for (String name : WireSchemas.ALL) {
            JsonNode doc = WireSchemas.document(name);
            assertEquals("https://json-schema.org/draft/2020-12/schema", doc.get("$schema").asText(), name);
            assertEquals("object", doc.get("type").asText(), name);
            assertFalse(doc.get("additionalProperties").asBoolean(true), name + " must refuse unknown fields");
        }
    }

    @Test
    void shouldListExactlyTheDeadLetterReasonsOfTheCode() {
        List<String> inSchema = new ArrayList<>();
        WireSchemas.document(WireSchemas.DEAD_LETTER).get("properties").get("reason").get("enum")
                .forEach(n -> inSchema.add(n.asText()));
        List<String> inCode = Arrays.stream(DeadLetterReason.values()).map(Enum::name).toList();
        assertEquals(inCode, inSchema);
    }

    @Test
    void shouldConformForEveryKindOfPrediction() throws Exception {
        byte[] binary = PredictionCodec.encode(new Prediction("t1", "e-1", 5L, 0.83, null, null, 1.0, 7));
        byte[] noIdNoLabel = PredictionCodec.encode(new Prediction("t1", null, 5L, 0.2, null, null, null, 0));
        byte[] multiclass = PredictionCodec.encode(new Prediction("t2", "e-2", 5L, 0.6,
                new double[] {0.6, 0.3, 0.1}, "a", "a", 3));
        byte[] regressionNaN = PredictionCodec.encode(new Prediction("t3", "7", 5L, Double.NaN, null, null, 2.5, 3));
        for (byte[] p : List.of(binary, noIdNoLabel, multiclass, regressionNaN)) {
            assertConforms(WireSchemas.PREDICTION, p);
        }
        assertTrue(tree(noIdNoLabel).get("id").isNull());
        assertFalse(tree(noIdNoLabel).has("label"));
        assertTrue(tree(regressionNaN).get("score").isNull());

        ObjectNode missing = tree(binary);
        missing.remove("model_version");
        assertRefused(WireSchemas.PREDICTION, missing);
        assertRefused(WireSchemas.PREDICTION, tree(binary).put("score", "high"));
        assertRefused(WireSchemas.PREDICTION, tree(binary).put("extra", 1));
        ObjectNode half = tree(multiclass);
        half.remove("predicted");
        assertRefused(WireSchemas.PREDICTION, half);
    }

    @ParameterizedTest
    @EnumSource(DeadLetterReason.class)
    void shouldConformForEveryDeadLetterReason(DeadLetterReason reason) {
        DeadLetter d = DeadLetter.of("t1", "t1.events", 0, 42, "k".getBytes(StandardCharsets.UTF_8),
                List.of(new DeadLetter.Header("trace", new byte[] {1, 2}), new DeadLetter.Header("empty", null)),
                reason, "what was wrong", EVENT, Integer.MAX_VALUE, 1_763_884_800_000L);
        assertConforms(WireSchemas.DEAD_LETTER, DeadLetter.toJson(d));
    }

    @Test
    void shouldConformWhenCutTombstonedOrFromTheDecoder() throws Exception {
        byte[] big = new byte[10_000];
        Arrays.fill(big, (byte) 'x');
        DeadLetter oversized = DeadLetter.of("t1", "t1.events", 3, 9, null, List.of(), DeadLetterReason.OVERSIZED,
                "too large", big, 100, 1L);
        byte[] cut = DeadLetter.toJson(DeadLetter.of("t1", "t1.events", 3, 9, new byte[300],
                List.of(new DeadLetter.Header("h", new byte[300])), DeadLetterReason.MALFORMED_JSON, "bad", big,
                Integer.MAX_VALUE, 1L), 1_000);
        assertTrue(tree(cut).get("original_truncated").asBoolean());
        DeadLetter tombstone = DeadLetter.of("t1", "t1.events", -1, -1, null, List.of(), DeadLetterReason.EMPTY_RECORD,
                "no value", null, Integer.MAX_VALUE, 1L);
        EventDecodeException refusal = assertThrows(EventDecodeException.class,
                () -> new EventCodec().decode("t1", "{\"features\":[]}".getBytes(StandardCharsets.UTF_8), 1L));
        DeadLetter decoded = DeadLetter.of(refusal, "t1", "t1.events", 0, 1, "{\"features\":[]}".getBytes(StandardCharsets.UTF_8), 1L);
        for (byte[] json : List.of(DeadLetter.toJson(oversized), cut, DeadLetter.toJson(tombstone), DeadLetter.toJson(decoded))) {
            assertConforms(WireSchemas.DEAD_LETTER, json);
        }

        ObjectNode good = tree(DeadLetter.toJson(oversized));
        assertRefused(WireSchemas.DEAD_LETTER, good.deepCopy().put("reason", "SOMETHING_ELSE"));
        assertRefused(WireSchemas.DEAD_LETTER, good.deepCopy().put("original", "not base64!"));
        assertRefused(WireSchemas.DEAD_LETTER, good.deepCopy().put("original_sha256", "ABC"));
        assertRefused(WireSchemas.DEAD_LETTER, good.deepCopy().put("offset", -2));
        ObjectNode missing = good.deepCopy();
        missing.remove("original_bytes");
        assertRefused(WireSchemas.DEAD_LETTER, missing);
    }

    @Test
    void shouldConformForMetricsWithAndWithoutGateAndUndefinedNumbers() throws Exception {
        LearnerStats.TaskStats gated = new LearnerStats.TaskStats("t1", TaskKind.BINARY, 10, 8, 8, 0, 1, 2,
                Double.NaN, 1.0, Double.NaN, Map.of("auc", Double.NaN, "logloss", 0.4),
                new double[] {Double.NaN, 0.5}, Double.NaN, 1.0);
        LearnerStats.TaskStats plain = new LearnerStats.TaskStats("t2", TaskKind.REGRESSION, 10, 8, 8, 0, 0, 0,
                0.5, 1.0, 0.3, Map.of("rmse", 1.2), null, Double.NaN, 2.0);
        LearnerStats stats = new LearnerStats(12, 1, List.of(gated, plain), false, true);
        byte[] withGate = MetricsCodec.encode(stats, gated, 1L, 3);
        byte[] withoutGate = MetricsCodec.encode(stats, plain, 1L, 0);
        assertConforms(WireSchemas.TASK_METRICS, withGate);
        assertConforms(WireSchemas.TASK_METRICS, withoutGate);
        assertTrue(tree(withGate).has("gate") && !tree(withoutGate).has("gate"));

        assertRefused(WireSchemas.TASK_METRICS, tree(withGate).put("kind", "ranking"));
        assertRefused(WireSchemas.TASK_METRICS, tree(withGate).put("consumed", -1));
        assertRefused(WireSchemas.TASK_METRICS, tree(withGate).put("type", "drift"));
        ObjectNode missing = tree(withGate);
        missing.remove("metrics");
        assertRefused(WireSchemas.TASK_METRICS, missing);
    }

    @Test
    void shouldConformForMetricsWithVocabularies() throws Exception {
        LearnerStats.TaskStats t = new LearnerStats.TaskStats("t1", TaskKind.BINARY, 10, 8, 8, 0, 1, 2,
                0.5, 1.0, 0.3, Map.of("auc", 0.7), null, Double.NaN, 1.0);
        LearnerStats stats = new LearnerStats(12, 0, List.of(t), false, false, List.of(
                new LearnerStats.VocabularyStats("user", 1024, 1000, 512, 1300, 250, 50, 9000, 2100)));
        byte[] b = MetricsCodec.encode(stats, t, 1L, 0);
        assertConforms(WireSchemas.TASK_METRICS, b);
        assertEquals(2100, tree(b).path("vocabularies").path("user").path("unknown").asLong());
        ObjectNode bad = tree(b);
        ((ObjectNode) bad.path("vocabularies").path("user")).put("evicted", -1);
        assertRefused(WireSchemas.TASK_METRICS, bad);
        ObjectNode missing = tree(b);
        ((ObjectNode) missing.path("vocabularies").path("user")).remove("live");
        assertRefused(WireSchemas.TASK_METRICS, missing);
        assertTrue(!tree(MetricsCodec.encode(new LearnerStats(1, 0, List.of(t), false, false), t, 1L, 0))
                .has("vocabularies"), "absent without vocabulary features");
    }

    @ParameterizedTest
    @ValueSource(strings = {"adwin", "page-hinkley", "kswin", "share-shift"})
    void shouldConformForDriftOfEveryDetector(String detector) throws Exception {
        byte[] d = DriftCodec.encode(new DriftAlert("t1", "error", detector, 1834, 5L, Double.NaN, 0.18, 0.47, 9,
                "reset-tower+boost-lr"));
        assertConforms(WireSchemas.DRIFT, d);
        assertRefused(WireSchemas.DRIFT, tree(d).put("reaction", "reboot"));
        assertRefused(WireSchemas.DRIFT, tree(d).put("signal", "mood"));
    }

    @Test
    void shouldConformForAffinityWithUnmeasuredCells() throws Exception {
        byte[] a = AffinityCodec.encode(new Affinity(List.of("t1", "t2"),
                new double[][] {{Double.NaN, 0.5}, {0.25, Double.NaN}}, 2), 3, 4);
        assertConforms(WireSchemas.TASK_AFFINITY, a);
        assertRefused(WireSchemas.TASK_AFFINITY, tree(a).put("samples", "two"));
    }

    /** The event schema and the decoder agree: what the decoder takes conforms, and structural refusals do not. */
    @ParameterizedTest
    @ValueSource(strings = {
            "{\"features\":{}}",
            "{\"id\":\"e-17\",\"ts\":1763884800000,\"features\":{\"age\":39,\"education\":\"Bachelors\",\"f3\":-1.3},\"label\":1}",
            "{\"id\":17,\"ts\":null,\"features\":{\"a\":null,\"b\":true},\"label\":\"cat\"}",
            "{\"features\":{\"a\":1},\"label\":null}",
            "{\"features\":{\"a\":1},\"label\":false}"})
    void shouldConformForEventsTheDecoderTakes(String event) {
        byte[] json = event.getBytes(StandardCharsets.UTF_8);
        new EventCodec().decode("t1", json, 1L);
        assertConforms(WireSchemas.EVENT, json);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[1]",
            "{\"label\":1}",
            "{\"features\":[1]}",
            "{\"features\":{},\"extra\":1}",
            "{\"features\":{\"a\":{\"b\":1}}}",
            "{\"features\":{\"\":1}}",
            "{\"ts\":\"yesterday\",\"features\":{}}",
            "{\"ts\":-1,\"features\":{}}",
            "{\"id\":{},\"features\":{}}",
            "{\"features\":{},\"label\":[1]}"})
    void shouldBeRefusedByBothTheDecoderAndTheSchema(String event) throws Exception {
        byte[] json = event.getBytes(StandardCharsets.UTF_8);
        assertThrows(EventDecodeException.class, () -> new EventCodec().decode("t1", json, 1L));
        assertRefused(WireSchemas.EVENT, JSON.readTree(json));
    }
}

package dev.tributary.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.learner.Affinity;
import dev.tributary.learner.DriftAlert;
import dev.tributary.learner.LearnerStats;
import dev.tributary.learner.Prediction;
import dev.tributary.spec.TaskKind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Undefined numbers are JSON null in every output record, never the string "NaN" (docs/monitoring.md). */
class UndefinedNumbersTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldWriteNullForEveryNonFiniteNumber() throws Exception {
        LearnerStats.TaskStats t = new LearnerStats.TaskStats("t1", TaskKind.BINARY, 0, 0, 0, 0, 0, 0, Double.NaN, 1.0,
                Double.NaN, Map.of("auc", Double.NaN), new double[] {Double.NaN, 0.5}, Double.NaN, 1.0);
        LearnerStats stats = new LearnerStats(0, 0, List.of(t), false, false);
        JsonNode m = JSON.readTree(MetricsCodec.encode(stats, t, 1L, 0));
        assertTrue(m.get("gate").get("shares").get(0).isNull(), m.toString());
        assertEquals(0.5, m.get("gate").get("shares").get(1).asDouble());
        assertTrue(m.get("gate").get("entropy").isNull());
        assertTrue(m.get("metrics").get("auc").isNull());
        assertTrue(m.get("sampler_share").isNull());

        JsonNode p = JSON.readTree(PredictionCodec.encode(new Prediction("t1", "e-1", 1L, Double.NaN,
                new double[] {Double.POSITIVE_INFINITY, 0.25}, "a", null, 3)));
        assertTrue(p.get("score").isNull(), p.toString());
        assertTrue(p.get("distribution").get(0).isNull());
        assertEquals(0.25, p.get("distribution").get(1).asDouble());

        JsonNode d = JSON.readTree(DriftCodec.encode(new DriftAlert("t1", "error", "adwin", 1, 1, Double.NaN, 0.1,
                Double.NaN, 9, "none")));
        assertTrue(d.get("statistic").isNull() && d.get("mean_after").isNull(), d.toString());

        JsonNode a = JSON.readTree(AffinityCodec.encode(new Affinity(List.of("t1", "t2"),
                new double[][] {{Double.NaN, 0.5}, {0.25, Double.NaN}}, 2), 3, 4));
        assertTrue(a.get("matrix").get(0).get(0).isNull(), a.toString());
        assertTrue(!a.toString().contains("NaN"));
    }
}

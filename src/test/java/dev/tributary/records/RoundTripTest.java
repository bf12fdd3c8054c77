package dev.tributary.records;

import dev.tributary.event.DeadLetterReason;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.learner.Affinity;
import dev.tributary.learner.DriftAlert;
import dev.tributary.learner.LearnerStats;
import dev.tributary.learner.Prediction;
import dev.tributary.spec.TaskKind;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each record type is read back as it was written, by the reader of the same package. */
class RoundTripTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldReadBackEveryKindOfPrediction() {
        List<Prediction> written = List.of(
                new Prediction("t1", "e-1", 17L, 0.83, null, null, 1.0, 7),
                new Prediction("t1", null, 18L, 0.25, null, null, null, 0),
                new Prediction("t2", "e-2", 19L, 0.6, new double[] {0.6, 0.3, 0.1}, "a", "a", 3),
                new Prediction("t3", "7", 20L, Double.NaN, null, null, -2.5, 3));
        for (Prediction p : written) {
            Prediction r = PredictionCodec.read(PredictionCodec.encode(p));
            assertEquals(p.task(), r.task());
            assertEquals(p.id(), r.id());
            assertEquals(p.timestamp(), r.timestamp());
            assertEquals(p.score(), r.score(), 0.0);
            assertArrayEquals(p.distribution(), r.distribution());
            assertEquals(p.predicted(), r.predicted());
            assertEquals(p.label(), r.label());
            assertEquals(p.modelVersion(), r.modelVersion());
        }
        var e = assertThrows(IllegalArgumentException.class,
                () -> PredictionCodec.read("{\"id\":null,\"score\":0.5,\"ts\":1,\"model_version\":0}"
                        .getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("'task'"), e.getMessage());
    }

    @Test
    void shouldReadBackMetricsWithAndWithoutGate() {
        LearnerStats.TaskStats gated = new LearnerStats.TaskStats("t1", TaskKind.BINARY, 10, 8, 7, 2, 1, 3, 0.4, 1.5,
                0.31, Map.of("auc", 0.9, "logloss", Double.NaN), new double[] {0.75, 0.25}, 0.56, 2.0);
        LearnerStats.TaskStats plain = new LearnerStats.TaskStats("t3", TaskKind.REGRESSION, 5, 5, 5, 0, 0, 0, 0.6,
                1.0, 0.2, Map.of("rmse", 1.25), null, Double.NaN, 1.0);
        LearnerStats stats = new LearnerStats(42, 1, List.of(gated, plain), true, false);
        MonitorRecord.Metrics m = (MonitorRecord.Metrics) MonitorRecords.parse(MetricsCodec.encode(stats, gated, 99L, 4));
        assertEquals(MetricsCodec.TYPE, m.type());
        assertEquals("t1", m.task());
        assertEquals("binary", m.kind());
        assertEquals(99L, m.ts());
        assertEquals(42L, m.modelVersion());
        assertEquals(List.of(10L, 8L, 7L, 2L), List.of(m.consumed(), m.labelled(), m.trained(), m.replayed()));
        assertEquals(List.of(0.4, 1.5, 0.31), List.of(m.samplerShare(), m.lossWeight(), m.lastLoss()));
        assertEquals(0.9, m.metric("auc"), 0.0);
        assertTrue(Double.isNaN(m.metric("logloss")), "undefined is null on the wire and NaN again");
        assertArrayEquals(new double[] {0.75, 0.25}, m.gate().shares());
        assertEquals(0.56, m.gate().entropy(), 0.0);
        assertTrue(m.gate().collapsed());
        MonitorRecord.Metrics p = MetricsCodec.read(readTree(MetricsCodec.encode(stats, plain, 5L, 0)));
        assertNull(p.gate());
        assertEquals(1.25, p.metric("rmse"), 0.0);
    }

    @Test
    void shouldReadBackDriftAndAffinity() {
        DriftAlert a = new DriftAlert("t1", "error", "adwin", 1834, 5L, 0.21, 0.18, 0.47, 9, "reset-tower+boost-lr");
        MonitorRecord.Drift d = DriftCodec.read(readTree(DriftCodec.encode(a)));
        assertEquals(List.of(a.task(), a.signal(), a.detector(), a.reaction()),
                List.of(d.task(), d.signal(), d.detector(), d.reaction()));
        assertEquals(List.of(a.position(), a.timestamp(), a.modelVersion()), List.of(d.position(), d.ts(), d.modelVersion()));
        assertEquals(List.of(a.statistic(), a.meanBefore(), a.meanAfter()),
                List.of(d.statistic(), d.meanBefore(), d.meanAfter()));

        double[][] z = {{Double.NaN, 0.5}, {-0.25, Double.NaN}};
        MonitorRecord.Affinity r = AffinityCodec.read(readTree(AffinityCodec.encode(new Affinity(List.of("t1", "t2"),
                z, 12), 30, 40)));
        assertEquals(List.of("t1", "t2"), r.tasks());
        assertEquals(List.of(30L, 40L, 12L), List.of(r.modelVersion(), r.ts(), r.samples()));
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(z[i], r.matrix()[i], 0.0);
        }
    }

    @Test
    void shouldReadBackADeadLetter() {
        DeadLetter d = DeadLetter.of("t1", "t1.events", 2, 42, new byte[] {1, 2}, List.of(new DeadLetter.Header("h", null)),
                DeadLetterReason.BAD_LABEL, "label is an array", "{\"label\":[1]}".getBytes(StandardCharsets.UTF_8),
                Integer.MAX_VALUE, 7L);
        assertEquals(d, DeadLetter.fromJson(DeadLetter.toJson(d)));
    }

    static JsonNode readTree(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

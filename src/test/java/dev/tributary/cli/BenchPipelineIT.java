package dev.tributary.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code tributary bench pipeline} end to end with a tiny stream: the report must be complete and
 * consistent (every event predicted once, per task, ceiling read the same input). No timing is asserted.
 */
class BenchPipelineIT {

    /**
     * 30,000 measured events, several commits' worth: with a few thousand, the warm-up's and the measured
     * events' predictions could become visible in one commit, leaving an empty CPU window (seen in CI).
     */
    @Test
    void shouldReportEveryEventPredictedOnceInThroughputMode() throws Exception {
        JsonNode r = new ObjectMapper().readTree(EvaluateCommandTest.run("bench", "pipeline", "--events", "30000",
                "--jit-warmup", "3000", "--json", "--quiet"));
        assertEquals(3000, r.get("jitWarmupEvents").asLong());
        assertEquals(3000, r.get("warmupEventsInRun").asLong(), "throughput mode warms up inside the run");
        assertEquals("throughput", r.get("mode").asText());
        assertEquals("exactly_once_v2", r.get("guarantee").asText());
        assertEquals(30000, r.get("events").asLong());
        assertEquals(33000, r.get("pipeline").get("predictions").asLong(), "warm-up and measured events");
        long measured = r.get("pipeline").get("measuredPredictions").asLong();
        assertTrue(measured > 0 && measured <= 30000, "those visible after the last warm-up prediction: " + measured);
        assertEquals(33000, r.get("consumerCeiling").get("records").asLong(), "the ceiling reads the same input");
        assertEquals(0, r.get("deadLetters").asLong());
        assertTrue(r.get("pipeline").get("ratioToConsumerCeiling").asDouble() > 0, r.toString());
        assertTrue(r.get("pipeline").get("eventsPerSecond").asDouble() > 0, r.toString());
        JsonNode threads = r.get("pipeline").get("cpuSecondsByThreadGroup");
        assertTrue(threads.has("<app>-StreamThread-#") && threads.has("(jvm: gc, jit)"), threads.toString());
        assertTrue(r.get("pipeline").get("jitCompileSecondsDuringRun").asDouble() >= 0, r.toString());
        JsonNode time = r.get("pipeline").get("streamThreadTime");
        assertTrue(time.get("process-ratio").asDouble() > 0 && time.get("commit-total").asDouble() > 0
                && time.get("txn-commit-time-ns-total").asDouble() > 0, "Kafka Streams' thread and producer metrics: "
                + time);
        int min = r.get("eventBytes").get("min").asInt();
        int max = r.get("eventBytes").get("max").asInt();
        assertTrue(min > 16 * 7 && max < 400, "16 features at 4 decimals, each at least '\"xN\":v,': ~300 bytes, found "
                + min + "–" + max);
        for (String task : new String[]{"t1", "t2", "t3"}) {
            JsonNode t = r.get("tasks").get(task);
            assertEquals(11000, t.get("produced").asLong(), task);
            assertEquals(11000, t.get("predicted").asLong(), task);
            assertEquals(11000, t.get("consumed").asLong(), task + ": the last metrics record counts every event");
        }
        assertTrue(r.get("tasks").get("t1").get("prequential").has("auc"), r.toString());
        assertTrue(r.get("tasks").get("t3").get("prequential").has("rmse"), r.toString());
    }

    @Test
    void shouldMeasureOneLatencyPerPredictionInLatencyMode() throws Exception {
        JsonNode r = new ObjectMapper().readTree(EvaluateCommandTest.run("bench", "pipeline", "--events", "600",
                "--rate", "1000", "--guarantee", "at_least_once", "--warmup", "60", "--jit-warmup", "0", "--json", "--quiet"));
        assertEquals("latency", r.get("mode").asText());
        assertEquals(600, r.get("pipeline").get("predictions").asLong());
        JsonNode all = r.get("latencyMs").get("receive");
        assertEquals(600, all.get("count").asInt());
        assertEquals(540, r.get("latencyMs").get("receiveAfterWarmup").get("count").asInt());
        assertTrue(all.get("p50").asLong() >= 0 && all.get("p50").asLong() <= all.get("p99").asLong()
                && all.get("p99").asLong() <= all.get("max").asLong(), all.toString());
        assertEquals(600, r.get("latencyMs").get("append").get("count").asInt(),
                "the bench creates the prediction topics with LogAppendTime");
    }
}

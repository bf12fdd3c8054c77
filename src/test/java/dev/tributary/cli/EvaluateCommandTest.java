package dev.tributary.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.*;

class EvaluateCommandTest {

    /** Runs the CLI in-process and returns what it printed on standard output. */
    static String run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            int code = Tributary.commandLine().execute(args);
            assertEquals(0, code, "exit code of tributary " + String.join(" ", args));
        } finally {
            System.setOut(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldReachTheIssuesTestAucOnAdultInOneOnlinePass() throws Exception {
        JsonNode r = new ObjectMapper().readTree(run("evaluate", "--topology", "topology/adult.yaml", "--json",
                "--quiet"));
        assertEquals(65122, r.get("events").asLong(), "32,561 rows, one event per task");
        JsonNode income = r.get("tasks").get("income");
        JsonNode marital = r.get("tasks").get("marital");
        assertEquals(16281, income.get("test").get("count").asLong());
        double incomeAuc = income.get("test").get("auc").asDouble();
        double maritalAuc = marital.get("test").get("auc").asDouble();
        assertTrue(incomeAuc >= 0.905, "income test AUC " + incomeAuc);
        assertTrue(maritalAuc >= 0.960, "never-married test AUC " + maritalAuc);
        assertEquals(32561, income.get("labelled").asLong());
    }

    @Test
    void shouldPrintATableOnSyntheticDataWithOverrides() {
        String out = run("evaluate", "--topology", "topology/synthetic.yaml", "--events", "4000", "--family",
                "shared-bottom", "--correlation", "0.9", "--seed", "3", "--quiet");
        assertTrue(out.contains("family=shared_bottom  seed=3  events=12000"), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("t1 ") && l.contains("auc")), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("t3 ") && l.contains("rmse")), out);
    }

    @Test
    void shouldLearnWithReplicasAndReportTheirRounds() throws Exception {
        JsonNode r = new ObjectMapper().readTree(run("evaluate", "--topology", "topology/synthetic.yaml", "--events",
                "4000", "--replicas", "3", "--sync-every", "2", "--json", "--quiet"));
        JsonNode rep = r.get("replication");
        assertEquals(3, rep.get("replicas").asInt());
        assertEquals("sum", rep.get("merge").asText());
        assertTrue(rep.get("rounds").asLong() > 10 && rep.get("mergedDeltas").asLong() > rep.get("rounds").asLong(),
                rep.toString());
        assertEquals(12000, r.get("events").asLong());
        assertTrue(r.get("tasks").get("t1").get("test").get("auc").asDouble() > 0.9, r.toString());
        long share = r.get("tasks").get("t1").get("consumed").asLong();
        assertTrue(share > 800 && share < 2000, "replica 0's share of t1's 4,000 events: " + share);
    }

    @Test
    void shouldRefuseABrokenSpecWithANamedError() {
        PrintStream originalErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        var cl = Tributary.commandLine();
        cl.setErr(new java.io.PrintWriter(err, true));
        int code = cl.execute("evaluate", "--topology", "topology/does-not-exist.yaml");
        System.setErr(originalErr);
        assertEquals(2, code);
        assertTrue(err.toString().contains("does-not-exist.yaml"), err.toString());
    }

    @Test
    void shouldBenchmarkAModelAndReportThroughput() throws Exception {
        JsonNode r = new ObjectMapper().readTree(run("bench", "model", "--preset", "m1", "--batch", "16",
                "--seconds", "0.2", "--json"));
        assertEquals("mmoe", r.get("family").asText());
        assertTrue(r.get("eventsPerSecond").asDouble() > 0);
        // M1 MMoE: encoder 64x64, fused experts 64x128, and one task's gate 64x4, mixture 4x32 and tower
        // 32x16+16x1 (an event runs through its own task's gate and tower only)
        long macs = 64 * 64 + 64 * 128 + (64 * 4 + 4 * 32) + (32 * 16 + 16);
        assertEquals(6.0 * macs, r.get("flopsPerEvent").asDouble());
    }
}

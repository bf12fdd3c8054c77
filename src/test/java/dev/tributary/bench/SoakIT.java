package dev.tributary.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A short soak, end to end: {@code tributary run} in its own JVM against a broker in this one, the
 * stream with its skew and bad records, the samples, the CSV and chart, and the exactly-once check.
 * The real soak ({@code tributary bench soak}, 10 million records) is a benchmark, not part of the suite.
 */
class SoakIT {

    @Test
    void shouldRunTheApplicationInItsOwnJvmAndAccountForEveryRecord(@TempDir Path out) throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Soak.Result r = Soak.run(new Soak.Settings(Path.of("topology/synthetic.yaml"), null, 40_000, 10_000,
                Duration.ofSeconds(2), 0.005, "512m", out), new PrintStream(log, true, StandardCharsets.UTF_8));
        assertTrue(r.exactlyOnce(), () -> SoakSummary.text(r) + log);
        assertEquals(40_000, r.records());
        assertEquals(200, r.bad());
        assertEquals(r.bad(), r.deadLetters(), r.reasons().toString());
        assertEquals(r.records() - r.bad(), r.predictions());
        assertEquals(40_000 - 200, java.util.Arrays.stream(r.perTask()).sum());
        assertFalse(r.samples().isEmpty());
        Soak.Sample last = r.samples().get(r.samples().size() - 1);
        assertEquals(0, last.lag(), "the last sample is taken once the application has caught up");
        assertTrue(last.residentBytes() > 50_000_000, "the child's RSS is read: " + last.residentBytes());
        assertTrue(last.liveHeapBytes() > 5_000_000 && last.liveHeapBytes() < 512L << 20,
                "the child's live heap is measured: " + last.liveHeapBytes());
        assertTrue(last.storeBytes() > 0, "the state directory holds the learner's store");
        List<String> csv = Files.readAllLines(r.csv());
        assertEquals("seconds,produced,rss_bytes,live_heap_bytes,store_bytes,lag", csv.get(0));
        assertEquals(r.samples().size() + 1, csv.size());
        assertTrue(Files.size(r.chart()) > 10_000, "a PNG chart");
        assertTrue(Files.readString(out.resolve("app.log")).contains("tributary: learning synthetic"),
                "the child ran tributary run");
    }
}

package dev.tributary.bench;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeapHistogramTest {
    static final String BEFORE = """
            12345:
             num     #instances         #bytes  class name (module)
            -------------------------------------------------------
               1:         20000        4000000  [B (java.base@17.0.12)
               2:          1000         500000  java.lang.String (java.base@17.0.12)
               3:            10           1000  dev.tributary.learner.Learner
            Total         21010        4501000
            """;
    static final String AFTER = """
            12345:
             num     #instances         #bytes  class name (module)
            -------------------------------------------------------
               1:         20000        9000000  [B (java.base@17.0.12)
               2:          1000         400000  java.lang.String (java.base@17.0.12)
               3:            10           1000  dev.tributary.learner.Learner
               4:           100           4800  java.util.ArrayList (java.base@17.0.12)
            Total         21110        9405800
            """;

    @Test
    void shouldReadTotalsAndTheClassesThatGrew() {
        HeapHistogram before = HeapHistogram.parse(BEFORE);
        HeapHistogram after = HeapHistogram.parse(AFTER);
        assertEquals(4_501_000, before.totalBytes());
        assertEquals(9_405_800, after.totalBytes());
        assertEquals(List.of(Map.entry("[B", 5_000_000L), Map.entry("java.util.ArrayList", 4_800L)),
                after.grownSince(before, 10));
        assertEquals(-1, HeapHistogram.parse("12345:\nCould not attach").totalBytes());
    }

    @Test
    void shouldParseWhatJcmdPrintsForThisJvm() throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(ProcessHandle.current().pid()),
                "GC.class_histogram").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        HeapHistogram h = HeapHistogram.parse(out);
        Runtime rt = Runtime.getRuntime();
        assertTrue(h.totalBytes() > 1_000_000 && h.totalBytes() <= rt.totalMemory(), h.totalBytes() + " bytes");
        long sum = h.bytesByClass().values().stream().mapToLong(Long::longValue).sum();
        assertEquals(h.totalBytes(), sum, "the rows add up to the total");
        assertTrue(h.bytesByClass().containsKey("java.lang.String"), h.bytesByClass().keySet().toString());
    }
}

package dev.tributary.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Regenerates the measured table of {@code docs/drift.md} (prints it). Tagged slow, so the default
 * build skips it: {@code mvn -B -o test -Dtest=DriftBenchmarkTest -Dsurefire.excludedGroups=none}.
 */
@Tag("slow")
class DriftBenchmarkTest {
    @Test
    void shouldPrintTheDocsTable() {
        List<DriftBenchmark.Row> rows = DriftBenchmark.measure();
        System.out.print(DriftBenchmark.table(rows));
        DriftBenchmark.Row adwin = rows.get(0);
        assertEquals(0, adwin.bernoulliMissed(), "ADWIN misses no abrupt shift");
        assertEquals(0, adwin.gaussianMissed(), "ADWIN misses no Gaussian shift");
    }
}

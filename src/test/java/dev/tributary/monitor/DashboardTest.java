package dev.tributary.monitor;

import dev.tributary.records.MonitorRecord;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.tributary.monitor.Records.binary;
import static dev.tributary.monitor.Records.drift;
import static dev.tributary.monitor.Records.regression;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The terminal view of a known state, character for character. */
class DashboardTest {

    static MonitorState knownState() {
        MonitorState s = new MonitorState(60);
        s.expect(List.of("clicks", "idle", "price"));
        double[] auc = {0.70, 0.74, 0.78, 0.80, 0.79, 0.83};
        for (int i = 0; i < auc.length; i++) {
            s.accept(binary("clicks", 1000L * i, 10L * i, 400L * i, auc[i]));
            s.accept(regression("price", 1000L * i, 10L * i, 200L * i, 2.0 - i * 0.1));
        }
        s.accept(drift("clicks", "error", 40));
        s.accept(Records.affinity(50));
        s.accept(new MonitorRecord.Other("buffer_depths"));
        s.malformed("tributary.metrics-0 offset 3: not JSON");
        return s;
    }

    @Test
    void shouldRenderTheKnownStateExactly() {
        String expected = String.join("\n",
                "TITLE",
                "  task      events    ev/s  metric (window)                trend                 weight  share  drift          experts",
                "  clicks      2000     400  auc 0.830  logloss 0.400       ▁▃▅▆▆█                 1.000  0.500  1 error !      ▆▂▁  e0 70%",
                "  idle           -       -  -                                                         -      -  -              -",
                "  price       1000     200  rmse 1.500  mae 0.900          █▇▅▄▂▁                 2.000  0.500  -              -",
                "",
                "recent drift alerts (newest last):",
                "  clicks  error/adwin at event 1,834  mean 0.180 → 0.470  model version 40  reaction: boost-lr",
                "",
                "task affinity Z(row → column), model version 50, 40 samples:",
                "               t1      t2",
                "       t1 +0.0012 -0.0004",
                "       t2 +0.0031 +0.0000",
                "",
                "ignored records of unknown type: buffer_depths ×1",
                "malformed records: 1 (latest: tributary.metrics-0 offset 3: not JSON)",
                "");
        assertEquals(expected, Dashboard.render(knownState(), "TITLE"));
    }

    @Test
    void shouldSummariseTasksVersionRateAndRecordCounts() {
        assertEquals("3 tasks · model version 50 · 600 events/s · 16 records (metrics 12, drift 1, affinity 1,"
                + " other 1, malformed 1)", Dashboard.summary(knownState()));
    }

    @Test
    void shouldNoteCollapsedAndAlikeGates() {
        MonitorState s = new MonitorState(60);
        MonitorRecord.Metrics m = binary("t1", 0, 1, 1, 0.5);
        s.accept(new MonitorRecord.Metrics(m.task(), m.kind(), m.ts(), m.modelVersion(), m.consumed(), m.labelled(),
                m.trained(), m.replayed(), m.samplerShare(), m.lossWeight(), m.lastLoss(), m.metrics(),
                new MonitorRecord.Gate(new double[]{0.97, 0.03}, 0.1, true, true)));
        String out = Dashboard.render(s, "t");
        assertTrue(out.contains("note: a task's gate has collapsed onto one expert"), out);
        assertTrue(out.contains("note: every task's gate has become the same distribution"), out);
        assertTrue(out.contains("█  e0 97%"), out);
    }

    @Test
    void shouldDrawASparklineFromLowestToHighestAndLeaveGapsForUndefinedValues() {
        assertEquals("▁▂▃▄▅▆▇█", Sparkline.of(new double[]{0, 1, 2, 3, 4, 5, 6, 7}, 20));
        assertEquals("▁▆█", Sparkline.of(new double[]{0.70, 0.75, 0.77}, 20), "0.75 is 5/7 of the way up: level 5 of 0..7");
        assertEquals("█ ▁", Sparkline.of(new double[]{2, Double.NaN, 1}, 20));
        assertEquals("▄▄▄", Sparkline.of(new double[]{0.5, 0.5, 0.5}, 20));
        assertEquals("▁█", Sparkline.of(new double[]{9, 9, 3, 4}, 2), "only the last width values count");
        assertEquals(' ', Sparkline.share(0));
        assertEquals('▄', Sparkline.share(0.5));
        assertEquals('█', Sparkline.share(1.2));
    }

    @Test
    void shouldRedrawInPlaceWithAnsiCodes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Screen screen = new Screen(new PrintStream(bytes, true, StandardCharsets.UTF_8), true)) {
            screen.show("one\ntwo");
            screen.show("three");
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals("\033[2J\033[Hone\033[K\ntwo\033[K\n\033[J\033[Hthree\033[K\n\033[J", out);
    }

    @Test
    void shouldAppendPlainFramesSeparatedByABlankLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Screen screen = new Screen(new PrintStream(bytes, true, StandardCharsets.UTF_8), false)) {
            screen.show("one\n");
            screen.show("two\n");
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals("one\n\ntwo\n", out);
        assertFalse(out.contains("\033"));
    }
}

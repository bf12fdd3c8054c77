package dev.tributary.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's first command, end to end: broker, producer, learner and live view in one process. */
class DemoIT {

    @Test
    void shouldLearnTheSyntheticStreamAndPrintASummary() {
        String out = EvaluateCommandTest.run("demo", "--events", "6000", "--rate", "6000");
        assertTrue(out.contains("6,000 / 6,000 events learned"), out);
        String summary = out.substring(out.indexOf("summary"));
        for (String task : new String[]{"t1", "t2", "t3"}) {
            assertTrue(summary.lines().anyMatch(l -> l.trim().startsWith(task + " ") && l.contains(" 2000 ")),
                    "every task's 2000 events learned: " + summary);
        }
        assertTrue(summary.contains("auc") && summary.contains("rmse"), summary);
    }
}

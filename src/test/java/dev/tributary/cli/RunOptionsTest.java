package dev.tributary.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --create-topics} is on by default, and its positive form keeps it on (picocli toggles a
 * negatable option's default when the option has no fallback value).
 */
class RunOptionsTest {
    static RunCommand parse(String... args) {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs(args);
        return run;
    }

    @Test
    void shouldCreateTopicsUnlessToldNot() {
        assertTrue(parse("--topology", "t.yaml").createTopics);
        assertTrue(parse("--topology", "t.yaml", "--create-topics").createTopics);
        assertFalse(parse("--topology", "t.yaml", "--no-create-topics").createTopics);
        ProduceCommand produce = new ProduceCommand();
        new CommandLine(produce).parseArgs("--topology", "t.yaml", "--create-topics");
        assertTrue(produce.createTopics);
    }
}

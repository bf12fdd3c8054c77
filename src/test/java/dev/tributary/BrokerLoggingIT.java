package dev.tributary;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With the main class path, an in-process broker's start, topic creation and stop write nothing to
 * standard output and nothing below WARN to standard error (the demo's output stays readable).
 */
class BrokerLoggingIT {

    @Test
    void shouldKeepBrokerLogsOffStandardOutputAndAtWarnOrAbove(@TempDir Path dir) throws Exception {
        LoggingConfigTest.ChildOutput out = LoggingConfigTest.runProbe(dir, "broker");
        assertTrue(out.stderr().contains("log4j2.properties"), out.stderr());
        assertEquals("", out.stdout());
        assertTrue(out.stderr().lines().noneMatch(l -> l.matches("^\\S+ (INFO|DEBUG|TRACE) .*")),
                "only WARN and above: " + out.stderr());
    }
}

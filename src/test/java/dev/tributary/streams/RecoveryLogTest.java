package dev.tributary.streams;

import org.apache.kafka.common.TopicPartition;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One WARN line when state is recovered from the changelog; nothing on a first start. */
class RecoveryLogTest {
    static final TopicPartition CHANGELOG = new TopicPartition("app-learner-state-changelog", 0);

    static final class Capture extends AbstractAppender {
        final List<String> lines = new CopyOnWriteArrayList<>();

        Capture() {
            super("capture", null, null, true, Property.EMPTY_ARRAY);
        }

        @Override
        public void append(LogEvent event) {
            if (event.getLevel().isMoreSpecificThan(Level.WARN)) {
                lines.add(event.getMessage().getFormattedMessage());
            }
        }
    }

    static List<String> warnings(Runnable run) {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Capture capture = new Capture();
        capture.start();
        LoggerConfig config = new LoggerConfig("dev.tributary.recovery", Level.ALL, false);
        config.addAppender(capture, Level.ALL, null);
        context.getConfiguration().addLogger("dev.tributary.recovery", config);
        context.updateLoggers();
        try {
            run.run();
        } finally {
            context.getConfiguration().removeLogger("dev.tributary.recovery");
            context.updateLoggers();
            capture.stop();
        }
        return capture.lines;
    }

    @Test
    void shouldSayNothingWhenThereIsNothingToRecover() {
        RecoveryLog log = new RecoveryLog();
        assertEquals(List.of(), warnings(() -> {
            log.onRestoreStart(CHANGELOG, "learner-state", 0, 0);
            log.onRestoreEnd(CHANGELOG, "learner-state", 0);
        }));
    }

    @Test
    void shouldSayWhatItRecoversAndHowLongItTook() {
        RecoveryLog log = new RecoveryLog();
        List<String> lines = warnings(() -> {
            log.onRestoreStart(CHANGELOG, "learner-state", 0, 63);
            log.onRestoreEnd(CHANGELOG, "learner-state", 63);
        });
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("recovering learner-state from the changelog app-learner-state-changelog-0"
                + " (offsets 0 to 63) after an unclean shutdown"), lines.get(0));
        assertTrue(lines.get(1).startsWith("recovered learner-state from 63 changelog records of"
                + " app-learner-state-changelog-0 in "), lines.get(1));
    }
}

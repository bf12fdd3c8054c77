package dev.tributary.streams;

import dev.tributary.local.EmbeddedKafka;
import dev.tributary.event.Event;
import dev.tributary.spec.SpecLoader;
import dev.tributary.spec.TopologySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A restarted instance resumes at once after {@code kill -9}, under Kafka's default group timeouts:
 * with static membership ({@link StaticMembership}) it rejoins as the member it was, instead of
 * waiting for the group to expire the dead member. The session timeout here is 60 s, so a restart
 * that waited for it could not deliver its first prediction within 40 s (the bound asserted: it
 * tells the mechanism apart, it is not a speed target; the measured time is printed). Its log
 * explains the recovery in one line each, with no stack trace.
 */
class RestartAfterCrashIT {
    final TopologySpec spec = SpecLoader.load(Path.of("topology/synthetic.yaml"));

    @AfterEach
    void killLeftoverChildren() throws InterruptedException {
        new CrashRecoveryIT().killLeftoverChildren();
    }

    @Test
    void shouldResumeWithoutWaitingForTheSessionTimeoutAfterSigkill(@TempDir Path dir) throws Exception {
        List<Event> events = new CrashRecoveryIT().input();
        int n = events.size();
        Map<String, String> defaults = Map.of("session.timeout.ms", "60000");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            CrashRecoveryIT.load(kafka, spec, events);
            try (CrashRecoveryIT.PredictionReader reader = new CrashRecoveryIT.PredictionReader(kafka, spec)) {
                Process app = CrashRecoveryIT.child(kafka, dir, "restart-run1", defaults);
                reader.awaitAtLeast(n / 4, app, Duration.ofSeconds(240));
                CrashRecoveryIT.kill(app);
                int before = reader.drain();
                long restarted = System.nanoTime();
                app = CrashRecoveryIT.child(kafka, dir, "restart-run2", defaults);
                reader.awaitAtLeast(before + 1, app, Duration.ofSeconds(40));
                long millis = (System.nanoTime() - restarted) / 1_000_000;
                System.out.printf("RestartAfterCrashIT: first new prediction %d ms after the restart (JVM start"
                        + " included)%n", millis);
                reader.awaitAtLeast(n, app, Duration.ofSeconds(240));
                CrashRecoveryIT.stopGracefully(app);
                reader.drain();
                assertEquals(n, reader.seen.size(), "every event predicted");
                assertTrue(reader.seen.values().stream().allMatch(c -> c == 1), "once each");
                String log = Files.readString(CrashRecoveryIT.LOG_DIR.resolve("restart-run2.log"));
                assertTrue(log.contains("recovering learner-state"), log);
                assertFalse(log.contains("TaskCorruptedException"), "no stack trace for an expected recovery:\n" + log);
                assertFalse(log.contains("\tat org.apache.kafka"), "no stack trace:\n" + log);
            }
        }
    }
}

package dev.tributary.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.event.Event;
import dev.tributary.spec.SpecLoader;
import dev.tributary.spec.TaskSpec;
import dev.tributary.spec.TopologySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Exactly-once learning across a container crash (DESIGN.md §4.3): the Tributary container is killed
 * with {@code docker kill} (SIGKILL) mid-stream, once a quarter of the events have committed predictions;
 * the second half of the events arrives while it is down, and a new container on the same state volume
 * takes over. Every event gets exactly one committed prediction, the new learner starts at
 * (at least) the model version of the last committed prediction and goes on from there, and each task's
 * learned-from counts equal its events: nothing trained twice, nothing skipped.
 */
class CrashContainerIT {
    static final int ROWS = 4000;
    static final double EVENTS_PER_SECOND = 1000;
    final TopologySpec spec = SpecLoader.load(Path.of(TributaryNode.TOPOLOGY));

    @BeforeEach
    void ready() {
        ContainerSupport.assumeReady();
    }

    @Test
    void shouldContinueFromTheStateVolumeAfterSigkillWithOnePredictionPerEvent() throws Exception {
        List<Event> events = EventFeed.synthetic(spec, ROWS);
        int n = events.size();
        try (StateVolume volume = new StateVolume("crash");
             KafkaNode kafka = new KafkaNode("crash-kafka").start();
             EventFeed feed = new EventFeed(spec, events, kafka.bootstrap());
             CommittedOutput out = new CommittedOutput(spec, kafka.bootstrap())) {
            long versionAtKill;
            int committedAtKill;
            try (TributaryNode first = new TributaryNode("crash-tributary-1", volume.name(), kafka.bootstrap(), null)
                    .start()) {
                first.awaitLearner();
                feed.sendInBackground(0, n / 2, EVENTS_PER_SECOND);
                out.pollUntil(() -> out.total >= n / 4, Duration.ofMinutes(3), first::tail);
                first.kill();
                feed.awaitSent(Duration.ofMinutes(2));
                feed.sendInBackground(n / 2, n, EVENTS_PER_SECOND); // the second half arrives while it is down
                out.settle(Duration.ofSeconds(1));
                committedAtKill = out.total;
                versionAtKill = lastModelVersion(out);
            }
            try (TributaryNode second = new TributaryNode("crash-tributary-2", volume.name(), kafka.bootstrap(), null)
                    .start()) {
                feed.awaitSent(Duration.ofMinutes(2));
                out.pollUntil(() -> out.total >= n && learnedFromAll(out), Duration.ofMinutes(3), second::tail);
                out.settle(Duration.ofSeconds(2));

                assertEquals(n, out.total, "exactly one committed prediction per event, no more");
                assertEquals(n, out.predictionsPerEvent.size());
                List<Long> starts = second.learnerStarts();
                assertFalse(starts.isEmpty(), "the new container's learner started:\n" + second.tail());
                assertTrue(starts.get(0) >= versionAtKill && versionAtKill > 0, "the new container's learner resumed"
                        + " at model version " + starts.get(0) + ", the last committed prediction had " + versionAtKill);
                for (TaskSpec task : spec.tasks()) {
                    assertNonDecreasingModelVersions(out.predictions.get(task.name()), task.name());
                    assertEquals(ROWS, out.metric(task.name(), "consumed"), "events consumed, task " + task.name());
                    assertEquals(events.stream().filter(e -> e.task().equals(task.name()) && e.labelled()).count(),
                            out.metric(task.name(), "labelled"), "labelled events learned from, task " + task.name());
                }
                System.err.printf("CrashContainerIT: killed after %d of %d committed predictions at model version %d;"
                        + " the new container resumed at model version %d and ended at %d%n", committedAtKill, n,
                        versionAtKill, starts.get(0), lastModelVersion(out));
            }
        }
    }

    private boolean learnedFromAll(CommittedOutput out) {
        return spec.tasks().stream().allMatch(t -> out.metric(t.name(), "consumed") >= ROWS);
    }

    static long lastModelVersion(CommittedOutput out) {
        return out.predictions.values().stream().filter(l -> !l.isEmpty())
                .mapToLong(l -> l.get(l.size() - 1).get("model_version").asLong()).max().orElse(-1);
    }

    /** Training continues where it stopped: a task's predictions, in topic order, never go back in model version. */
    static void assertNonDecreasingModelVersions(List<JsonNode> predictions, String task) {
        long previous = -1;
        for (JsonNode p : predictions) {
            long version = p.get("model_version").asLong();
            assertTrue(version >= previous, "task " + task + ": model version " + version + " after " + previous);
            previous = version;
        }
    }
}

package dev.tributary.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.event.Event;
import dev.tributary.spec.SpecLoader;
import dev.tributary.spec.TaskKind;
import dev.tributary.spec.TaskSpec;
import dev.tributary.spec.TopologySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The images end to end: the broker image and the Tributary image (its default command and
 * {@code config/container.properties}, pointed at the broker) in two containers with host networking,
 * events written by a plain producer in the wire format. The image's HEALTHCHECK reports it healthy,
 * every event gets exactly one committed prediction that echoes its id and label, and the metrics show
 * the model learning from all of them.
 */
class PipelineContainerIT {
    static final int ROWS = 5000;
    final TopologySpec spec = SpecLoader.load(Path.of(TributaryNode.TOPOLOGY));

    @BeforeEach
    void ready() {
        ContainerSupport.assumeReady();
    }

    @Test
    void shouldPredictEveryEventOnceAndLearnInContainers() throws Exception {
        List<Event> events = EventFeed.synthetic(spec, ROWS);
        int n = events.size();
        Map<String, Event> byId = new HashMap<>();
        events.forEach(e -> byId.put(e.id(), e));
        try (StateVolume volume = new StateVolume("pipeline");
             KafkaNode kafka = new KafkaNode("pipeline-kafka").start();
             TributaryNode app = new TributaryNode("pipeline-tributary", volume.name(), kafka.bootstrap(), null).start();
             EventFeed feed = new EventFeed(spec, events, kafka.bootstrap());
             CommittedOutput out = new CommittedOutput(spec, kafka.bootstrap())) {
            app.await(() -> "healthy".equals(app.health()), "the image's HEALTHCHECK reports healthy");
            feed.sendAll();
            out.pollUntil(() -> out.total >= n && learnedFromAll(out), Duration.ofMinutes(3), app::tail);
            out.settle(Duration.ofSeconds(2));

            assertEquals(n, out.total, "one committed prediction per event, no more");
            assertEquals(byId.keySet(), out.predictionsPerEvent.keySet(), "a prediction for every event id");
            assertEquals(0, out.deadLetters, "no dead letters");
            for (TaskSpec task : spec.tasks()) {
                long previous = -1;
                for (JsonNode p : out.predictions.get(task.name())) {
                    Event e = byId.get(p.get("id").asText());
                    assertEquals(task.name(), e.task(), "prediction on " + task.predictionTopic() + " of its task");
                    assertEquals(task.name(), p.get("task").asText());
                    assertEquals(e.labelled(), p.has("label"), "label echoed iff the event had one: " + p);
                    if (e.labelled()) {
                        assertEquals(((Number) e.label()).doubleValue(), p.get("label").asDouble(), "label of " + p);
                    }
                    double score = p.get("score").asDouble();
                    assertTrue(task.kind() != TaskKind.BINARY || (score >= 0 && score <= 1), "a probability: " + p);
                    long version = p.get("model_version").asLong();
                    assertTrue(version >= previous, "model versions never go back: " + p);
                    previous = version;
                }
                assertTrue(previous > 0, "task " + task.name() + "'s last prediction came from a trained model");
                assertEquals(ROWS, out.metric(task.name(), "consumed"), "events consumed, task " + task.name());
                assertEquals(events.stream().filter(e -> e.task().equals(task.name()) && e.labelled()).count(),
                        out.metric(task.name(), "labelled"), "labelled events learned from, task " + task.name());
                if (task.kind() == TaskKind.BINARY) {
                    // about 0.9 for both with 5,000 rows (2,000 rows left t2 near chance in some runs: the
                    // interleaving of the task topics differs from run to run); chance is 0.5
                    double auc = out.metrics.get(task.name()).get("metrics").get("auc_window").asDouble();
                    assertTrue(auc > 0.55, "task " + task.name() + " learned: windowed prequential AUC " + auc);
                }
            }
        }
    }

    private boolean learnedFromAll(CommittedOutput out) {
        return spec.tasks().stream().allMatch(t -> out.metric(t.name(), "consumed") >= ROWS);
    }
}

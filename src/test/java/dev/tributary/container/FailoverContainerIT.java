package dev.tributary.container;

import dev.tributary.event.Event;
import dev.tributary.spec.SpecLoader;
import dev.tributary.spec.TaskSpec;
import dev.tributary.spec.TopologySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * High availability: two Tributary containers with one {@code application.id} and
 * {@code num.standby.replicas=1}, so that one runs the learner and the other keeps a standby copy of its
 * state. The active one is killed (SIGKILL) mid-stream, once a quarter of the events have committed
 * predictions, while events keep arriving; the standby takes over within a bounded time
 * (measured and printed: the session timeout, 6 s here, dominates it) and nothing is lost or repeated:
 * exactly one committed prediction per event, and the learned-from counts equal the events.
 */
class FailoverContainerIT {
    static final int ROWS = 5000;
    static final double EVENTS_PER_SECOND = 1000;
    static final Duration TAKEOVER_BOUND = Duration.ofSeconds(90);
    final TopologySpec spec = SpecLoader.load(Path.of(TributaryNode.TOPOLOGY));

    @BeforeEach
    void ready() {
        ContainerSupport.assumeReady();
    }

    @Test
    void shouldFailOverToTheStandbyWithinABoundAndPredictEachEventOnce() throws Exception {
        List<Event> events = EventFeed.synthetic(spec, ROWS);
        int n = events.size();
        String config = TributaryNode.config("failover-app", Map.of("num.standby.replicas", "1"));
        try (StateVolume volumeA = new StateVolume("failover-a");
             StateVolume volumeB = new StateVolume("failover-b");
             KafkaNode kafka = new KafkaNode("failover-kafka").start();
             EventFeed feed = new EventFeed(spec, events, kafka.bootstrap());
             CommittedOutput out = new CommittedOutput(spec, kafka.bootstrap());
             TributaryNode a = new TributaryNode("failover-a", volumeA.name(), kafka.bootstrap(), config).start()) {
            a.awaitLearner();
            feed.sendInBackground(0, n / 3, EVENTS_PER_SECOND);
            feed.awaitSent(Duration.ofMinutes(2));
            out.pollUntil(() -> out.total >= n / 3, Duration.ofMinutes(3), a::tail);
            try (TributaryNode b = new TributaryNode("failover-b", volumeB.name(), kafka.bootstrap(), config).start()) {
                awaitSteadyGroup(a, b);
                // The assignor decides which one keeps the learner; the other one holds the standby.
                boolean aActive = a.lastLearnerStart().compareTo(b.lastLearnerStart()) > 0;
                TributaryNode active = aActive ? a : b;
                TributaryNode standby = aActive ? b : a;
                String standbyTasks = standby.exec("ls", "/var/lib/tributary/state/failover-app");
                assertTrue(standbyTasks.contains("0_0"), "the standby holds a copy of the learner's task: "
                        + standbyTasks);

                feed.sendInBackground(n / 3, n, EVENTS_PER_SECOND);
                out.pollUntil(() -> out.total >= n / 2, Duration.ofMinutes(3), active::tail);
                long killed = System.nanoTime();
                int standbyStarts = standby.learnerStarts().size();
                active.kill();
                // what the active one committed before it died (the standby cannot take over within the 6 s
                // session timeout)
                out.settle(Duration.ofSeconds(1));
                int committedBefore = out.total;
                long versionAtKill = CrashContainerIT.lastModelVersion(out);
                assertTrue(committedBefore < n, "the active one was killed mid-stream");
                out.pollUntil(() -> out.total > committedBefore, TAKEOVER_BOUND, standby::tail);
                double takeover = (System.nanoTime() - killed) / 1e9;

                feed.awaitSent(Duration.ofMinutes(2));
                out.pollUntil(() -> out.total >= n && learnedFromAll(out), Duration.ofMinutes(3), standby::tail);
                out.settle(Duration.ofSeconds(2));

                assertEquals(n, out.total, "exactly one committed prediction per event, no more");
                assertEquals(n, out.predictionsPerEvent.size());
                List<Long> starts = standby.learnerStarts();
                assertTrue(starts.size() > standbyStarts, "the standby's learner started:\n" + standby.tail());
                long resumedAt = starts.get(standbyStarts);
                assertTrue(resumedAt >= versionAtKill && versionAtKill > 0, "the standby's learner resumed at model"
                        + " version " + resumedAt + ", the last committed prediction had " + versionAtKill);
                for (TaskSpec task : spec.tasks()) {
                    CrashContainerIT.assertNonDecreasingModelVersions(out.predictions.get(task.name()), task.name());
                    assertEquals(ROWS, out.metric(task.name(), "consumed"), "events consumed, task " + task.name());
                    assertEquals(events.stream().filter(e -> e.task().equals(task.name()) && e.labelled()).count(),
                            out.metric(task.name(), "labelled"), "labelled events learned from, task " + task.name());
                }
                System.err.printf("FailoverContainerIT: the active container (%s) killed after %d of %d committed"
                        + " predictions (model version %d); the standby's first committed prediction came %.1f s later"
                        + " (its learner resumed at model version %d)%n", aActive ? "the first" : "the one that joined",
                        committedBefore, n, versionAtKill, takeover, resumedAt);
            }
        }
    }

    /** Both RUNNING, and no state transition for 3 s: the rebalances that follow a join are over. */
    private static void awaitSteadyGroup(TributaryNode a, TributaryNode b) throws InterruptedException {
        int[] seen = {-1};
        long[] since = {System.nanoTime()};
        a.await(() -> {
            int transitions = a.stateTransitions() + b.stateTransitions();
            if (transitions != seen[0]) {
                seen[0] = transitions;
                since[0] = System.nanoTime();
            }
            return a.streamsRunning() && b.streamsRunning() && System.nanoTime() - since[0] > 3_000_000_000L;
        }, "both containers RUNNING for 3 s");
    }

    private boolean learnedFromAll(CommittedOutput out) {
        return spec.tasks().stream().allMatch(t -> out.metric(t.name(), "consumed") >= ROWS);
    }
}

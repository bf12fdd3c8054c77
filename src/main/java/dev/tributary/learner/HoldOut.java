package dev.tributary.learner;

import dev.tributary.event.Event;
import dev.tributary.spec.TaskSpec;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Hold-out evaluation ({@code tributary evaluate}): one online pass over the training events through
 * {@link Learner#process}, exactly as the streaming application feeds it (per-task events, sampler,
 * micro-batches, predict then learn), then the test events scored with the model frozen
 * ({@link Learner#predict}).
 * <pre>{@code
 * Learner learner = new Learner(spec);
 * HoldOut.train(learner, trainEvents, n -> {});
 * Map<String, Map<String, Double>> test = HoldOut.test(learner, testEvents);   // task → auc, logloss, ...
 * }</pre>
 */
public final class HoldOut {
    /** Events handed to the learner at a time. */
    public static final int CHUNK = 256;

    private HoldOut() {
    }

    /**
     * Streams {@code events} through the learner, {@link #CHUNK} at a time.
     *
     * @param progress told the size of each chunk once it is learned from
     * @return the events processed
     */
    public static long train(Learner learner, Iterator<Event> events, LongConsumer progress) {
        return feed(learner::process, events, progress);
    }

    /**
     * Trains replicas on the events in order, then merges their last progress ({@link
     * ReplicaSimulation#finish}); returns the events consumed.
     */
    public static long train(ReplicaSimulation replicas, Iterator<Event> events, LongConsumer progress) {
        long n = feed(replicas::process, events, progress);
        replicas.finish();
        return n;
    }

    private static long feed(Consumer<List<Event>> learn, Iterator<Event> events, LongConsumer progress) {
        long[] n = new long[1];
        inChunks(events, chunk -> {
            learn.accept(chunk);
            n[0] += chunk.size();
            progress.accept(chunk.size());
        });
        return n[0];
    }

    /**
     * Test metrics of the frozen model: per task with labelled test events (in the spec's task order),
     * {@code auc}/{@code logloss}/{@code brier} (binary), {@code accuracy}/{@code logloss} (multiclass) or
     * {@code rmse}/{@code mae} (regression), exact over the whole set, and {@code count}. The learner is
     * not changed; unlabelled test events are scored and not counted.
     */
    public static Map<String, Map<String, Double>> test(Learner learner, Iterator<Event> events) {
        Map<String, TestMetrics> byTask = new LinkedHashMap<>();
        for (TaskSpec t : learner.spec().tasks()) {
            byTask.put(t.name(), new TestMetrics(t));
        }
        inChunks(events, chunk -> {
            for (Prediction p : learner.predict(chunk)) {
                if (p.label() != null) {
                    byTask.get(p.task()).add(p);
                }
            }
        });
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        byTask.forEach((task, m) -> {
            if (!m.isEmpty()) {
                out.put(task, m.compute());
            }
        });
        return out;
    }

    /** Hands {@code events} to {@code action} {@link #CHUNK} at a time (the last chunk may be shorter). */
    private static void inChunks(Iterator<Event> events, Consumer<List<Event>> action) {
        List<Event> chunk = new ArrayList<>(CHUNK);
        while (events.hasNext()) {
            chunk.add(events.next());
            if (chunk.size() == CHUNK || !events.hasNext()) {
                action.accept(chunk);
                chunk.clear();
            }
        }
    }

    /** A one-line summary of a task's metrics: AUC and log-loss, accuracy and log-loss, or RMSE and MAE. */
    public static String summary(Map<String, Double> m) {
        if (m.isEmpty()) {
            return "-";
        }
        if (m.containsKey("auc")) {
            return String.format("auc %.4f  logloss %.4f", m.get("auc"), m.get("logloss"));
        }
        if (m.containsKey("rmse")) {
            return String.format("rmse %.4f  mae %.4f", m.get("rmse"), m.get("mae"));
        }
        return String.format("accuracy %.4f  logloss %.4f", m.get("accuracy"), m.get("logloss"));
    }
}

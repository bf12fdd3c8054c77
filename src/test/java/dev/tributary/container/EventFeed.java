package dev.tributary.container;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.data.SyntheticStream;
import dev.tributary.event.Event;
import dev.tributary.spec.TaskKind;
import dev.tributary.spec.TaskSpec;
import dev.tributary.spec.TopologySpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The input of the container tests: the synthetic topology's stream, written by a plain
 * {@link KafkaProducer} in the wire format of DESIGN.md §2, all at once or in batches at a steady rate
 * from a background thread (so that more events arrive while the application is down).
 */
final class EventFeed implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final TopologySpec spec;
    private final List<Event> events;
    private final KafkaProducer<byte[], byte[]> producer;
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private Thread sender;

    EventFeed(TopologySpec spec, List<Event> events, String bootstrap) {
        this.spec = spec;
        this.events = List.copyOf(events);
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * {@code rows} rows of the synthetic stream, one event per task each, every 7th event unlabelled;
     * ids are {@code <task>-syn-<row>}. Timestamps are recent and strictly increasing: the topics keep
     * the broker's 7-day time retention, which deletes records stamped in 1970 within a minute.
     */
    static List<Event> synthetic(TopologySpec spec, int rows) {
        SyntheticStream s = new SyntheticStream(spec);
        long base = System.currentTimeMillis() - Duration.ofHours(1).toMillis();
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < rows * spec.tasks().size(); i++) {
            Event e = s.next();
            out.add(new Event(e.task(), e.task() + "-" + e.id(), base + i, e.features(), i % 7 == 0 ? null : e.label()));
        }
        return out;
    }

    /** The event as a client outside Tributary would write it: {"id","ts","features",["label"]}. */
    static byte[] json(Event e, TaskSpec task) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("ts", e.timestamp());
        m.put("features", e.features());
        if (e.label() != null) {
            double label = ((Number) e.label()).doubleValue();
            m.put("label", task.kind() == TaskKind.BINARY ? (Object) (int) label : (Object) label);
        }
        try {
            return JSON.writeValueAsBytes(m);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e2) {
            throw new UncheckedIOException("could not encode event " + e.id(), e2);
        }
    }

    /**
     * Sends events {@code from} (inclusive) to {@code to} (exclusive) from a background thread at
     * {@code perSecond} events per second; one batch at a time ({@link #awaitSent} before the next).
     */
    EventFeed sendInBackground(int from, int to, double perSecond) {
        if (sender != null && sender.isAlive()) {
            throw new IllegalStateException("the previous batch is still being sent");
        }
        sender = new Thread(() -> {
            long start = System.nanoTime();
            try {
                for (int i = from; i < to; i++) {
                    long due = start + (long) ((i - from) * 1e9 / perSecond);
                    while (System.nanoTime() < due) {
                        if (Thread.currentThread().isInterrupted()) {
                            return;
                        }
                        LockSupport.parkNanos(due - System.nanoTime());
                    }
                    send(events.get(i));
                }
                producer.flush();
            } catch (Exception e) {
                failure.set(e);
            }
        }, "event-feed");
        sender.setDaemon(true);
        sender.start();
        return this;
    }

    /** Sends every event now and waits for the broker's acknowledgements. */
    void sendAll() {
        events.forEach(this::send);
        producer.flush();
        check();
    }

    private void send(Event e) {
        TaskSpec task = spec.tasks().get(spec.taskIndex(e.task()).orElseThrow());
        producer.send(new ProducerRecord<>(task.topic(), null, e.timestamp(), e.id().getBytes(StandardCharsets.UTF_8),
                json(e, task)), (meta, ex) -> {
                    if (ex != null) {
                        failure.compareAndSet(null, ex);
                    }
                });
        sent.incrementAndGet();
    }

    /** Events handed to the producer so far. */
    int sent() {
        return sent.get();
    }

    /** Waits for the background batch to be sent and acknowledged; fails if a send failed. */
    void awaitSent(Duration timeout) throws InterruptedException {
        sender.join(timeout.toMillis());
        if (sender.isAlive()) {
            throw new AssertionError("the event feed sent only " + sent() + " events in " + timeout);
        }
        check();
    }

    private void check() {
        if (failure.get() != null) {
            throw new AssertionError("sending events failed: " + failure.get(), failure.get());
        }
    }

    @Override
    public void close() {
        if (sender != null) {
            sender.interrupt();
        }
        producer.close(Duration.ofSeconds(10));
    }
}

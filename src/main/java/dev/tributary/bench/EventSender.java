package dev.tributary.bench;

import dev.tributary.event.Event;
import dev.tributary.event.EventCodec;
import dev.tributary.spec.TopologySpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes events to their tasks' topics in the wire format ({@link EventCodec#encode}), keyed by the
 * event id's UTF-8 bytes (no key when the event has none). Counts what the broker acknowledged per
 * task; the first failed send is re-thrown by the next {@link #send} or by {@link #close}, so a
 * broken producer stops the caller instead of dropping events silently. Lifecycle: construct →
 * {@link #send}… → {@link #close} (flushes). Not for concurrent senders.
 */
public final class EventSender implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final EventCodec codec = new EventCodec();
    private final Map<String, Integer> taskIndex = new HashMap<>();
    private final List<String> taskNames;
    private final List<String> topics;
    private final AtomicLongArray acked;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private long sent;
    private long bytes;

    /**
     * @param producerConfig producer settings (bootstrap at least); byte-array serializers are added
     * @param spec           the tasks
     * @param topics         each task's topic, in task order
     */
    public EventSender(Map<String, Object> producerConfig, TopologySpec spec, List<String> topics) {
        Objects.requireNonNull(producerConfig, "producerConfig");
        if (topics.size() != spec.tasks().size()) {
            throw new IllegalArgumentException("one topic per task needed, found " + topics.size() + " for "
                    + spec.tasks().size() + " tasks");
        }
        this.taskNames = spec.tasks().stream().map(t -> t.name()).toList();
        for (int i = 0; i < taskNames.size(); i++) {
            taskIndex.put(taskNames.get(i), i);
        }
        this.topics = List.copyOf(topics);
        this.acked = new AtomicLongArray(taskNames.size());
        Map<String, Object> config = new HashMap<>(producerConfig);
        config.putIfAbsent("linger.ms", "5");
        config.putIfAbsent("batch.size", Integer.toString(256 * 1024));
        this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** The spec's own topics, in task order. */
    public static List<String> topicsOf(TopologySpec spec) {
        return spec.tasks().stream().map(t -> t.topic()).toList();
    }

    /** Encodes and sends one event (asynchronously); returns its encoded size in bytes. */
    public int send(Event e) {
        rethrow();
        Integer task = taskIndex.get(e.task());
        if (task == null) {
            throw new IllegalArgumentException("event '" + e.id() + "' is of task '" + e.task()
                    + "', which the topology lacks; its tasks are " + taskNames);
        }
        byte[] value = codec.encode(e);
        byte[] key = e.id() == null ? null : e.id().getBytes(StandardCharsets.UTF_8);
        int t = task;
        producer.send(new ProducerRecord<>(topics.get(t), key, value), (meta, ex) -> {
            if (ex == null) {
                acked.incrementAndGet(t);
            } else {
                failure.compareAndSet(null, ex);
            }
        });
        sent++;
        bytes += value.length;
        return value.length;
    }

    /** Waits until every event sent so far is acknowledged (or failed). */
    public void flush() {
        producer.flush();
        rethrow();
    }

    public long sent() {
        return sent;
    }

    /** Bytes of encoded event values sent. */
    public long bytes() {
        return bytes;
    }

    /** Events acknowledged by the broker, per task in task order. */
    public Map<String, Long> acknowledged() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < taskNames.size(); i++) {
            out.put(taskNames.get(i), acked.get(i));
        }
        return out;
    }

    private void rethrow() {
        Exception e = failure.get();
        if (e != null) {
            throw new IllegalStateException("could not send an event to Kafka: " + e.getMessage(), e);
        }
    }

    /** Flushes, then closes the producer; fails if any send failed. */
    @Override
    public void close() {
        try {
            producer.flush();
        } finally {
            producer.close();
        }
        rethrow();
    }
}

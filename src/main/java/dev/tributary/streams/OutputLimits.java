package dev.tributary.streams;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The largest record each output topic takes: the smaller of its {@code max.message.bytes} and the
 * producer's {@code max.request.size}, less the record batch's own framing. The learner checks every
 * output against it before it forwards it, so that no write is refused by the producer or the broker:
 * a refused write would fail the transaction and, on every restart, the same record again.
 */
final class OutputLimits {
    /** Kafka's defaults: {@code message.max.bytes} 1 MiB + 12 and {@code max.request.size} 1 MiB. */
    static final int KAFKA_DEFAULT = 1_048_576;
    /**
     * Room for a record batch's header (61 bytes) and the record's own framing (varints for lengths,
     * deltas and attributes), with a wide margin; headers are counted separately.
     */
    static final int FRAMING_BYTES = 512;
    /**
     * The least room the dead-letter topic must give a record: a dead letter's fixed fields, message and
     * a short prefix of the original. The application refuses to start with less.
     */
    static final int MIN_DEAD_LETTER_BYTES = 8 * 1024;
    static final OutputLimits DEFAULTS = new OutputLimits(KAFKA_DEFAULT, Map.of());

    private static final Logger LOG = LoggerFactory.getLogger(OutputLimits.class);
    private final int maxRequestSize;
    private final Map<String, Integer> topicMax;

    /**
     * @param maxRequestSize the producer's {@code max.request.size}
     * @param topicMax       {@code max.message.bytes} of the output topics that are known; others take
     *                       {@code min(maxRequestSize, KAFKA_DEFAULT)}
     */
    OutputLimits(int maxRequestSize, Map<String, Integer> topicMax) {
        this.maxRequestSize = maxRequestSize;
        this.topicMax = Map.copyOf(new HashMap<>(topicMax));
    }

    /**
     * The limits of {@code topics} as the cluster has them now ({@code max.message.bytes} of each topic
     * that exists), with the producer's {@code max.request.size} from the Streams properties. A topic
     * that does not exist yet (the broker creates it on first write) takes the broker default.
     *
     * @throws IllegalStateException when the dead-letter topic leaves less than {@link #MIN_DEAD_LETTER_BYTES}
     */
    static OutputLimits read(Admin admin, List<String> topics, Properties streamsProperties) {
        String request = streamsProperties.getProperty(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
                streamsProperties.getProperty(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(KAFKA_DEFAULT)));
        int maxRequestSize = Integer.parseInt(request.trim());
        List<ConfigResource> resources = new ArrayList<>();
        topics.forEach(t -> resources.add(new ConfigResource(ConfigResource.Type.TOPIC, t)));
        Map<String, Integer> topicMax = new HashMap<>();
        for (var e : admin.describeConfigs(resources).values().entrySet()) {
            String topic = e.getKey().name();
            try {
                Config c = e.getValue().get(30, TimeUnit.SECONDS);
                ConfigEntry max = c.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
                if (max != null && max.value() != null) {
                    topicMax.put(topic, Integer.parseInt(max.value()));
                }
            } catch (ExecutionException | TimeoutException notThere) {
                LOG.debug("no max.message.bytes for {} ({}); the broker default applies", topic, notThere.toString());
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading the output topics' limits", ie);
            }
        }
        OutputLimits limits = new OutputLimits(maxRequestSize, topicMax);
        limits.requireDeadLetterRoom();
        return limits;
    }

    /** Fails, naming the setting, when a dead letter could not be written at all. */
    void requireDeadLetterRoom() {
        int room = maxBytes(TopicNames.DEAD_LETTER);
        if (room < MIN_DEAD_LETTER_BYTES) {
            throw new IllegalStateException(String.format(java.util.Locale.ROOT, "%s takes records of at most %,d bytes"
                    + " (max.message.bytes %s, producer max.request.size %,d, less %d bytes of framing); a dead letter"
                    + " needs at least %,d: raise the topic's max.message.bytes (Tributary creates it with %s)",
                    TopicNames.DEAD_LETTER, room, topicMax.containsKey(TopicNames.DEAD_LETTER)
                            ? String.format(java.util.Locale.ROOT, "%,d", topicMax.get(TopicNames.DEAD_LETTER))
                            : "the broker's default", maxRequestSize, FRAMING_BYTES, MIN_DEAD_LETTER_BYTES,
                    TributaryApp.DEAD_LETTER_MAX_BYTES));
        }
    }

    /**
     * The most bytes a record's key and value (together) may have on {@code topic}: exactly what the
     * topic and the producer take, less the framing. No floor: a record over a topic's own limit would
     * be refused by the broker and, under exactly-once, abort the transaction.
     */
    int maxBytes(String topic) {
        int topicLimit = topicMax.getOrDefault(topic, KAFKA_DEFAULT);
        return Math.max(0, Math.min(topicLimit, maxRequestSize) - FRAMING_BYTES);
    }

    /** Whether a record with this key and value fits {@code topic}. */
    boolean fits(String topic, byte[] key, byte[] value) {
        long size = (long) (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
        return size <= maxBytes(topic);
    }

    @Override
    public String toString() {
        return "OutputLimits[max.request.size=" + maxRequestSize + ", topics=" + topicMax + "]";
    }
}

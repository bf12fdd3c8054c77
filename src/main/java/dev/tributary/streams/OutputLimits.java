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
    /** Nothing smaller than this is ever used as a limit, so a dead letter's fixed fields always fit. */
    static final int MIN_BYTES = 8 * 1024;
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
        return new OutputLimits(maxRequestSize, topicMax);
    }

    /** The most bytes a record's key and value (together) may have on {@code topic}. */
    int maxBytes(String topic) {
        int topicLimit = topicMax.getOrDefault(topic, KAFKA_DEFAULT);
        return Math.max(MIN_BYTES, Math.min(topicLimit, maxRequestSize) - FRAMING_BYTES);
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

package dev.tributary.streams;

import org.apache.commons.text.similarity.LevenshteinDistance;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the settings that no part of the application knows: Kafka Streams, its producer, consumers and
 * admin client (plain or under their prefixes), topic configs under {@code topic.},
 * {@code tributary.input.topic.} and {@code tributary.output.topic.}, and Tributary's own keys. Kafka
 * ignores an unknown key, so a misspelt {@code procesing.guarantee} would silently run with the
 * default; each unknown key comes with the closest known one when there is a close one.
 * Extension keys (a custom partitioner's, a metrics reporter's) are unknown here too: report them
 * as warnings, not errors, unless the user asks to be strict.
 */
public final class SettingsCheck {
    /** An unknown key and the known key it most likely meant, if any is close. */
    public record Unknown(String key, Optional<String> closest) {
        /** "unknown setting 'x'; did you mean 'y'?" */
        public String message() {
            return "unknown setting '" + key + "'" + closest.map(c -> "; did you mean '" + c + "'?")
                    .orElse(" (not a setting of Kafka Streams, its clients, topics or Tributary; passed on unchanged)");
        }
    }

    private static final List<String> CLIENT_PREFIXES = List.of(StreamsConfig.PRODUCER_PREFIX,
            StreamsConfig.CONSUMER_PREFIX, StreamsConfig.MAIN_CONSUMER_PREFIX, StreamsConfig.RESTORE_CONSUMER_PREFIX,
            StreamsConfig.GLOBAL_CONSUMER_PREFIX, StreamsConfig.ADMIN_CLIENT_PREFIX);
    private static final List<String> TOPIC_PREFIXES = List.of(StreamsConfig.TOPIC_PREFIX,
            TributaryConfig.INPUT_TOPIC_PREFIX, TributaryConfig.OUTPUT_TOPIC_PREFIX);
    /** Keys under these prefixes are free-form (Kafka Streams' rack-aware client tags). */
    private static final List<String> FREE_PREFIXES = List.of(StreamsConfig.CLIENT_TAG_PREFIX);

    private static final Set<String> KNOWN = known();

    private SettingsCheck() {
    }

    private static Set<String> known() {
        Set<String> k = new TreeSet<>();
        k.addAll(StreamsConfig.configDef().names());
        k.addAll(TributaryConfig.DEF.names());
        Map<String, Set<String>> clients = Map.of(
                StreamsConfig.PRODUCER_PREFIX, ProducerConfig.configNames(),
                StreamsConfig.CONSUMER_PREFIX, ConsumerConfig.configNames(),
                StreamsConfig.MAIN_CONSUMER_PREFIX, ConsumerConfig.configNames(),
                StreamsConfig.RESTORE_CONSUMER_PREFIX, ConsumerConfig.configNames(),
                StreamsConfig.GLOBAL_CONSUMER_PREFIX, ConsumerConfig.configNames(),
                StreamsConfig.ADMIN_CLIENT_PREFIX, AdminClientConfig.configNames());
        clients.values().forEach(k::addAll);
        clients.forEach((prefix, names) -> names.forEach(n -> k.add(prefix + n)));
        Set<String> topicConfigs = topicConfigNames();
        for (String prefix : TOPIC_PREFIXES) {
            topicConfigs.forEach(n -> k.add(prefix + n));
        }
        return k;
    }

    /** The topic configs of Kafka's public API: the {@code *_CONFIG} constants of {@link TopicConfig}. */
    static Set<String> topicConfigNames() {
        Set<String> names = new TreeSet<>();
        for (Field f : TopicConfig.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class && f.getName().endsWith("_CONFIG")) {
                try {
                    names.add((String) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot read " + f, e);
                }
            }
        }
        return names;
    }

    /** The keys of {@code settings} that nothing knows, in key order. */
    public static List<Unknown> unknown(Properties settings) {
        List<Unknown> out = new ArrayList<>();
        for (String key : new TreeSet<>(settings.stringPropertyNames())) {
            if (!KNOWN.contains(key) && FREE_PREFIXES.stream().noneMatch(key::startsWith)) {
                out.add(new Unknown(key, closest(key)));
            }
        }
        return out;
    }

    /** Whether {@code key} is a known setting. */
    public static boolean isKnown(String key) {
        return KNOWN.contains(key) || FREE_PREFIXES.stream().anyMatch(key::startsWith);
    }

    /**
     * The known key nearest to {@code key} by edit distance, if it is within a quarter of the key's
     * length (at least 2 edits): close enough to be a slip of the keyboard, not a different setting.
     */
    public static Optional<String> closest(String key) {
        return closest(key, KNOWN);
    }

    /** As {@link #closest(String)}, among {@code candidates}. */
    public static Optional<String> closest(String key, Set<String> candidates) {
        int threshold = Math.max(2, key.length() / 4);
        LevenshteinDistance distance = new LevenshteinDistance(threshold);
        return candidates.stream()
                .map(c -> Map.entry(c, distance.apply(key, c)))
                .filter(e -> e.getValue() >= 0)
                .min(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
                        .thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey);
    }
}

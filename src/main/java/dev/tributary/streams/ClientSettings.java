package dev.tributary.streams;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Client settings for the CLI's own producers, consumers and admin clients, taken from a
 * {@code config/*.properties} file that is written for Kafka Streams: only the keys the client knows
 * (bootstrap, security, timeouts, ...) are kept, and a {@code producer.}, {@code consumer.} or
 * {@code admin.} prefixed key overrides the plain one for that client, as in Kafka Streams. Streams-
 * and {@code tributary.*} keys are left out, so the clients do not warn about unknown settings.
 */
public final class ClientSettings {
    private ClientSettings() {
    }

    public static Map<String, Object> producer(Properties all) {
        return select(all, ProducerConfig.configNames(), "producer.");
    }

    public static Map<String, Object> consumer(Properties all) {
        return select(all, ConsumerConfig.configNames(), "consumer.");
    }

    public static Map<String, Object> admin(Properties all) {
        return select(all, AdminClientConfig.configNames(), "admin.");
    }

    private static Map<String, Object> select(Properties all, Set<String> known, String prefix) {
        Map<String, Object> out = new HashMap<>();
        for (String key : all.stringPropertyNames()) {
            if (known.contains(key)) {
                out.putIfAbsent(key, all.getProperty(key));
            }
        }
        for (String key : all.stringPropertyNames()) {
            if (key.startsWith(prefix) && known.contains(key.substring(prefix.length()))) {
                out.put(key.substring(prefix.length()), all.getProperty(key));
            }
        }
        if (!out.containsKey("bootstrap.servers")) {
            throw new IllegalArgumentException("no bootstrap.servers: give --bootstrap HOST:PORT or set it in --config");
        }
        return out;
    }
}

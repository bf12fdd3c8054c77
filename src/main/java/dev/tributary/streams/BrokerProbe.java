package dev.tributary.streams;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks the cluster at {@code bootstrap.servers} for its brokers before anything else talks to it, so
 * that a wrong address or a stopped broker fails in seconds with a message naming the address, rather
 * than after the clients' 60 s timeouts (or never: Kafka Streams waits for a broker indefinitely).
 */
public final class BrokerProbe {
    /** How long {@link #require(Map)} waits for a broker to answer. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** No broker answered at the address, or the address cannot be used. */
    public static final class UnreachableException extends KafkaException {
        UnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private BrokerProbe() {
    }

    /** {@link #require(Map, Duration)} with {@link #TIMEOUT}. */
    public static Collection<Node> require(Map<String, Object> adminSettings) {
        return require(adminSettings, TIMEOUT);
    }

    /**
     * Returns the cluster's brokers, or throws {@link UnreachableException} naming the bootstrap
     * address when none answered within {@code timeout}, the address does not resolve, or the broker
     * refused the client (authentication, TLS).
     *
     * @param adminSettings admin client settings: {@code bootstrap.servers} and security settings
     */
    public static Collection<Node> require(Map<String, Object> adminSettings, Duration timeout) {
        Object bootstrap = adminSettings.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        if (bootstrap == null || bootstrap.toString().isBlank()) {
            throw new UnreachableException("no bootstrap.servers: give --bootstrap HOST:PORT or set it in --config", null);
        }
        int ms = (int) Math.max(1, timeout.toMillis());
        Map<String, Object> settings = new HashMap<>(adminSettings);
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        settings.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "tributary-probe");
        Admin admin;
        try {
            admin = Admin.create(settings);
        } catch (KafkaException e) {
            throw new UnreachableException("cannot use bootstrap.servers " + bootstrap + ": " + rootMessage(e), e);
        }
        try {
            return admin.describeCluster(new DescribeClusterOptions().timeoutMs(ms)).nodes()
                    .get(ms + 2_000L, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw noAnswer(bootstrap, timeout, e.getCause());
            }
            throw new UnreachableException("the Kafka cluster at " + bootstrap + " refused the client: "
                    + rootMessage(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw noAnswer(bootstrap, timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnreachableException("interrupted while waiting for a Kafka broker at " + bootstrap, e);
        } finally {
            admin.close(Duration.ZERO);
        }
    }

    private static UnreachableException noAnswer(Object bootstrap, Duration timeout, Throwable cause) {
        return new UnreachableException("no Kafka broker answered at " + bootstrap + " within " + timeout.toSeconds()
                + " s: is it running and reachable, and is bootstrap.servers (or --bootstrap) right?", cause);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t.getMessage() + ")";
    }
}

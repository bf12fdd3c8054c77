package dev.tributary.streams;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * A real, single-node Kafka cluster (one combined KRaft broker+controller, no ZooKeeper, no Docker)
 * running inside this JVM from Kafka's own server jars, for the demo and the integration tests.
 *
 * <p>It listens on loopback only ({@code 127.0.0.1}, ephemeral ports) with plaintext and no
 * authentication, keeps its logs in a fresh temporary directory that {@link #close()} deletes, and is
 * configured for one broker: internal topics (consumer offsets, transaction state, share-group state)
 * have one replica and a minimum ISR of one, so transactional producers and Kafka Streams'
 * {@code exactly_once_v2} work; the initial rebalance delay is 0; topics are never created
 * automatically, create them with {@link #createTopic} or {@link #createTopics}.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
 *     kafka.createTopic("adult.events", 3, Map.of());
 *     props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
 *     ...
 * }
 * }</pre>
 *
 * <p>It runs {@code kafka.server.KafkaRaftServer}, the server behind {@code kafka-server-start.sh},
 * rather than Kafka's {@code KafkaClusterTestKit}: in 4.3.1 the test kit pre-binds its sockets on
 * the wildcard address (all interfaces) whatever the configured listeners say, and enables unstable
 * feature versions. Ports are picked free on loopback just before start; should another process
 * take one in between, the start is retried with fresh ports. Close the Kafka Streams applications
 * and clients that use the broker before closing it, or they will wait out their timeouts; a process
 * that may be interrupted should call {@link #close()} from a shutdown hook. Thread-safe.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final int START_ATTEMPTS = 3;
    private static final long TOPIC_READY_TIMEOUT_MS = 30_000;

    private final KafkaRaftServer server;
    private final Path directory;
    private final String bootstrapServers;
    private Admin topicAdmin;
    private boolean closed;

    private EmbeddedKafka(KafkaRaftServer server, Path directory, int brokerPort) {
        this.server = server;
        this.directory = directory;
        this.bootstrapServers = BrokerProperties.HOST + ":" + brokerPort;
    }

    /** Starts a broker with the single-node defaults described above; returns once it accepts clients. */
    public static EmbeddedKafka start() {
        return start(Map.of());
    }

    /**
     * Starts a broker whose configuration is the single-node defaults overridden by
     * {@code brokerProperties} (Kafka broker keys, e.g. {@code message.max.bytes}). The keys that fix
     * the node's addressing and storage ({@code listeners}, {@code node.id}, {@code log.dirs}, the
     * controller quorum, ...) are owned by this class and refused.
     */
    public static EmbeddedKafka start(Map<String, String> brokerProperties) {
        return start(brokerProperties, EmbeddedKafka::freeLoopbackPort);
    }

    static EmbeddedKafka start(Map<String, String> brokerProperties, IntSupplier ports) {
        BrokerProperties.checkOverrides(brokerProperties);
        Map<String, String> overrides = Map.copyOf(brokerProperties);
        long t0 = System.nanoTime();
        Path directory = createDirectory();
        try {
            EmbeddedKafka kafka = startWithRetries(directory, overrides, ports);
            LOG.info("Embedded Kafka broker ready at {} in {} ms (logs in {})", kafka.bootstrapServers,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), directory);
            return kafka;
        } catch (RuntimeException | Error e) {
            deleteQuietly(directory);
            throw e;
        }
    }

    private static EmbeddedKafka startWithRetries(Path directory, Map<String, String> overrides, IntSupplier ports) {
        for (int attempt = 1; ; attempt++) {
            int brokerPort = ports.getAsInt();
            int controllerPort = ports.getAsInt();
            while (controllerPort == brokerPort) {
                controllerPort = ports.getAsInt();
            }
            Path logDir = directory.resolve("kraft-" + attempt);
            Map<String, Object> properties = BrokerProperties.build(logDir, brokerPort, controllerPort, overrides);
            KafkaConfig config = new KafkaConfig(properties, false);
            format(logDir, properties);
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            try {
                server.startup();
                return new EmbeddedKafka(server, directory, brokerPort);
            } catch (RuntimeException e) {
                try {
                    stop(server);
                } catch (RuntimeException second) {
                    e.addSuppressed(second);
                }
                deleteQuietly(logDir);
                if (!causedByBindFailure(e) || attempt == START_ATTEMPTS) {
                    throw new KafkaException("could not start the embedded Kafka broker on " + BrokerProperties.HOST
                            + " ports " + brokerPort + "/" + controllerPort + " (attempt " + attempt + ")", e);
                }
                LOG.warn("Embedded Kafka: port {} or {} was taken before the broker bound it; retrying with fresh ports",
                        brokerPort, controllerPort);
            }
        }
    }

    /**
     * Writes the node's identity and bootstrap metadata (latest production metadata version) into
     * {@code logDir}, exactly as {@code kafka-storage.sh format} does; its chatter is discarded.
     */
    private static void format(Path logDir, Map<String, Object> properties) {
        Path file = logDir.resolveSibling(logDir.getFileName() + ".properties");
        try {
            Files.createDirectories(logDir);
            Properties p = new Properties();
            p.putAll(properties);
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                p.store(w, "embedded Kafka node");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare the embedded Kafka log directory " + logDir, e);
        }
        // A cluster id is an identifier, not a random decision of the learner: Kafka's own generator is fine.
        String[] args = {"format", "--config", file.toString(), "--cluster-id", Uuid.randomUuid().toString()};
        int status = StorageTool.execute(args, new PrintStream(OutputStream.nullOutputStream()));
        if (status != 0) {
            throw new KafkaException("could not format the embedded Kafka log directory " + logDir
                    + ": kafka-storage format exited with status " + status);
        }
    }

    /** {@code host:port} of the broker, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** A new admin client connected to this broker; the caller owns it and closes it. */
    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /**
     * Creates a topic with {@code partitions} partitions, one replica each, and the given topic-level
     * configs (e.g. {@code cleanup.policy=compact}); returns once every partition has a leader.
     */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(configs, "configs");
        if (partitions <= 0) {
            throw new IllegalArgumentException("partitions must be positive, found " + partitions + " for topic " + name);
        }
        createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs)));
    }

    /**
     * Creates the given topics in one request and returns once every partition of each has a leader.
     * A topic without explicit partitions or replication gets the broker defaults (one of each).
     * Fails if any topic exists already.
     */
    public void createTopics(Collection<NewTopic> topics) {
        Objects.requireNonNull(topics, "topics");
        List<String> names = new ArrayList<>();
        for (NewTopic t : topics) {
            names.add(Objects.requireNonNull(t, "topic").name());
        }
        Admin admin = topicAdmin();
        try {
            admin.createTopics(topics).all().get();
            awaitLeaders(admin, names);
        } catch (ExecutionException e) {
            throw new KafkaException("could not create topics " + names + " on the embedded broker "
                    + bootstrapServers + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while creating topics " + names, e);
        }
    }

    private static void awaitLeaders(Admin admin, List<String> names) throws ExecutionException, InterruptedException {
        if (names.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TOPIC_READY_TIMEOUT_MS);
        while (!allHaveLeaders(describeIfKnown(admin, names))) {
            if (System.nanoTime() > deadline) {
                throw new KafkaException("topics " + names + " still lack partition leaders after "
                        + TOPIC_READY_TIMEOUT_MS + " ms");
            }
            Thread.sleep(10);
        }
    }

    /**
     * The topics' descriptions, or an empty list while the broker's metadata does not know them yet
     * (just after creation {@code describeTopics} can answer UNKNOWN_TOPIC_OR_PARTITION).
     */
    private static Collection<TopicDescription> describeIfKnown(Admin admin, List<String> names)
            throws ExecutionException, InterruptedException {
        try {
            return admin.describeTopics(names).allTopicNames().get().values();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) {
                return List.of();
            }
            throw e;
        }
    }

    private static boolean allHaveLeaders(Collection<TopicDescription> descriptions) {
        if (descriptions.isEmpty()) {
            return false;
        }
        for (TopicDescription d : descriptions) {
            for (TopicPartitionInfo p : d.partitions()) {
                if (p.leader() == null || p.leader().isEmpty()) {
                    return false;
                }
            }
        }
        return true;
    }

    private synchronized Admin topicAdmin() {
        if (closed) {
            throw new IllegalStateException("the embedded Kafka broker at " + bootstrapServers + " is closed");
        }
        if (topicAdmin == null) {
            topicAdmin = admin();
        }
        return topicAdmin;
    }

    /** The temporary directory that holds the broker's logs; gone once the broker is closed. */
    Path directory() {
        return directory;
    }

    /** Stops the broker and deletes its temporary directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long t0 = System.nanoTime();
        try {
            if (topicAdmin != null) {
                topicAdmin.close();
            }
            stop(server);
        } finally {
            deleteQuietly(directory);
        }
        LOG.info("Embedded Kafka broker at {} stopped in {} ms", bootstrapServers,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    private static void stop(KafkaRaftServer server) {
        server.shutdown();
        server.awaitShutdown();
    }

    private static boolean causedByBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException || String.valueOf(t.getMessage()).contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }

    private static Path createDirectory() {
        try {
            return Files.createTempDirectory("tributary-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temporary directory for the embedded Kafka broker", e);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Utils.delete(path.toFile());
        } catch (IOException e) {
            LOG.warn("Embedded Kafka: could not delete {}: {}", path, e.toString());
        }
    }

    /** A port that is free on loopback now (the OS picks it from its ephemeral range). */
    static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(BrokerProperties.HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("could not find a free port on " + BrokerProperties.HOST, e);
        }
    }
}

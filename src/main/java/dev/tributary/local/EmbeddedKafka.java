package dev.tributary.local;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;

/**
 * A real Kafka cluster (one combined KRaft broker+controller per node, no ZooKeeper, no Docker)
 * running inside this JVM from Kafka's own server jars, for the demo and the integration tests: one
 * node ({@link #start()}), or several ({@link #startCluster}) where replication matters.
 *
 * <p>It listens on loopback only ({@code 127.0.0.1}, ephemeral ports) with plaintext and no
 * authentication, keeps its logs in a fresh temporary directory that {@link #close()} deletes, and is
 * configured for its size: on one node, internal topics (consumer offsets, transaction state,
 * share-group state) have one replica and a minimum ISR of one, so transactional producers and Kafka
 * Streams' {@code exactly_once_v2} work; on three nodes every topic defaults to three replicas and a
 * minimum ISR of two, as in production. The initial rebalance delay is 0; topics are never created
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
 * and clients that use the cluster before closing it, or they will wait out their timeouts; a process
 * that may be interrupted should call {@link #close()} from a shutdown hook. Thread-safe.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final int START_ATTEMPTS = 3;
    private static final long TOPIC_READY_TIMEOUT_MS = 30_000;

    /** One node of the cluster: its server, node id and client port. */
    private record Node(int id, KafkaRaftServer server, int brokerPort) {
    }

    private final List<Node> nodes;
    private final Set<Integer> stopped = new HashSet<>();
    private final Path directory;
    private final String bootstrapServers;
    private Admin topicAdmin;
    private boolean closed;

    private EmbeddedKafka(List<Node> nodes, Path directory) {
        this.nodes = List.copyOf(nodes);
        this.directory = directory;
        this.bootstrapServers = nodes.stream().map(n -> BrokerProperties.HOST + ":" + n.brokerPort())
                .collect(Collectors.joining(","));
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
        return start(1, brokerProperties, EmbeddedKafka::freeLoopbackPort);
    }

    /**
     * Starts a cluster of {@code nodes} combined broker+controller nodes (ids 1..nodes, all of them
     * controller voters) with the defaults for its size overridden by {@code brokerProperties}, as
     * for {@link #start(Map)}; returns once every node accepts clients. With three nodes the cluster
     * keeps its controller quorum and every topic stays writable (minimum ISR 2) when one node stops.
     */
    public static EmbeddedKafka startCluster(int nodes, Map<String, String> brokerProperties) {
        if (nodes < 1) {
            throw new IllegalArgumentException("a cluster needs at least one node, found " + nodes);
        }
        return start(nodes, brokerProperties, EmbeddedKafka::freeLoopbackPort);
    }

    static EmbeddedKafka start(Map<String, String> brokerProperties, IntSupplier ports) {
        return start(1, brokerProperties, ports);
    }

    private static EmbeddedKafka start(int nodes, Map<String, String> brokerProperties, IntSupplier ports) {
        BrokerProperties.checkOverrides(brokerProperties);
        Map<String, String> overrides = Map.copyOf(brokerProperties);
        long t0 = System.nanoTime();
        Path directory = createDirectory();
        try {
            EmbeddedKafka kafka = startWithRetries(directory, nodes, overrides, ports);
            LOG.info("Embedded Kafka {} ready at {} in {} ms (logs in {})", nodes == 1 ? "broker" : nodes + "-node cluster",
                    kafka.bootstrapServers, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), directory);
            return kafka;
        } catch (RuntimeException | Error e) {
            deleteQuietly(directory);
            throw e;
        }
    }

    private static EmbeddedKafka startWithRetries(Path directory, int count, Map<String, String> overrides,
                                                  IntSupplier ports) {
        String clusterId = Uuid.randomUuid().toString();
        for (int attempt = 1; ; attempt++) {
            Set<Integer> taken = new HashSet<>();
            Map<Integer, Integer> brokerPorts = new TreeMap<>();
            Map<Integer, Integer> controllerPorts = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                int id = BrokerProperties.FIRST_NODE_ID + i;
                brokerPorts.put(id, distinctPort(ports, taken));
                controllerPorts.put(id, distinctPort(ports, taken));
            }
            String voters = BrokerProperties.voters(controllerPorts);
            Path attemptDir = directory.resolve("attempt-" + attempt);
            List<Node> nodes = new ArrayList<>();
            for (int id : brokerPorts.keySet()) {
                Path logDir = attemptDir.resolve("node-" + id);
                Map<String, Object> properties = BrokerProperties.build(logDir, id, brokerPorts.get(id),
                        controllerPorts.get(id), voters, count, overrides);
                KafkaConfig config = new KafkaConfig(properties, false);
                NodeStorage.format(logDir, properties, clusterId);
                nodes.add(new Node(id, new KafkaRaftServer(config, Time.SYSTEM), brokerPorts.get(id)));
            }
            try {
                startAll(nodes);
                return new EmbeddedKafka(nodes, directory);
            } catch (RuntimeException e) {
                for (Node n : nodes) {
                    try {
                        stop(n.server());
                    } catch (RuntimeException second) {
                        e.addSuppressed(second);
                    }
                }
                deleteQuietly(attemptDir);
                if (!causedByBindFailure(e) || attempt == START_ATTEMPTS) {
                    throw new KafkaException("could not start the embedded Kafka cluster on " + BrokerProperties.HOST
                            + " ports " + brokerPorts.values() + "/" + controllerPorts.values()
                            + " (attempt " + attempt + ")", e);
                }
                LOG.warn("Embedded Kafka: one of the ports {}/{} was taken before a node bound it; retrying with"
                        + " fresh ports", brokerPorts.values(), controllerPorts.values());
            }
        }
    }

    private static int distinctPort(IntSupplier ports, Set<Integer> taken) {
        int port = ports.getAsInt();
        while (!taken.add(port)) {
            port = ports.getAsInt();
        }
        return port;
    }

    /**
     * Starts every node and waits for all of them: in a cluster the nodes start together, since a broker
     * finishes starting only once a majority of the controller quorum elects a leader.
     */
    private static void startAll(List<Node> nodes) {
        inParallel(nodes, n -> n.server().startup(), "starting");
    }

    /** Runs {@code action} on every node at once (one thread each) and waits; rethrows the first failure. */
    private static void inParallel(List<Node> nodes, Consumer<Node> action, String what) {
        if (nodes.size() <= 1) {
            nodes.forEach(action);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(nodes.size(), r -> {
            Thread t = new Thread(r, "embedded-kafka-" + what);
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Node n : nodes) {
                running.add(pool.submit(() -> action.accept(n)));
            }
            RuntimeException failure = null;
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : new KafkaException(e.getCause());
                    if (failure == null) {
                        failure = cause;
                    } else {
                        failure.addSuppressed(cause);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new KafkaException("interrupted while " + what + " the embedded Kafka cluster", e);
                }
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The node ids of the cluster, 1..n, including stopped nodes. */
    public List<Integer> nodeIds() {
        return nodes.stream().map(Node::id).toList();
    }

    /**
     * Stops node {@code id} (broker and controller) and leaves the others running. With
     * {@code controlled.shutdown.enable=false} among the broker properties the node does not hand its
     * partition leadership over first: to the rest of the cluster it is a crash, noticed when its
     * heartbeats stop ({@code broker.session.timeout.ms}). Idempotent; {@link #close()} stops the rest.
     */
    public void stopNode(int id) {
        Node node = nodes.stream().filter(n -> n.id() == id).findFirst().orElseThrow(
                () -> new IllegalArgumentException("no node " + id + " in the embedded cluster " + nodeIds()));
        synchronized (this) {
            if (closed || !stopped.add(id)) {
                return;
            }
        }
        long t0 = System.nanoTime();
        stop(node.server());
        LOG.info("Embedded Kafka node {} ({}:{}) stopped in {} ms", id, BrokerProperties.HOST, node.brokerPort(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    /** {@code host:port} of every node, comma-separated, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** A new admin client connected to this broker; the caller owns it and closes it. */
    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /**
     * Creates a topic with {@code partitions} partitions, the cluster's default replication, and the given topic-level
     * configs (e.g. {@code cleanup.policy=compact}); returns once every partition has a leader.
     */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(configs, "configs");
        if (partitions <= 0) {
            throw new IllegalArgumentException("partitions must be positive, found " + partitions + " for topic " + name);
        }
        createTopics(List.of(new NewTopic(name, Optional.of(partitions), Optional.empty()).configs(configs)));
    }

    /**
     * Creates the given topics in one request and returns once every partition of each has a leader.
     * A topic without explicit partitions or replication gets the cluster's defaults (one partition;
     * min(3, nodes) replicas).
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
            TopicLeaders.await(admin, names, TOPIC_READY_TIMEOUT_MS);
        } catch (ExecutionException e) {
            throw new KafkaException("could not create topics " + names + " on the embedded broker "
                    + bootstrapServers + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while creating topics " + names, e);
        }
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

    /** Stops every node still running and deletes the temporary directory. Idempotent. */
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
            // Together: a node that stops after the controller majority is gone would wait out its
            // controlled-shutdown timeout.
            inParallel(nodes.stream().filter(n -> !stopped.contains(n.id())).toList(), n -> stop(n.server()), "stopping");
        } finally {
            deleteQuietly(directory);
        }
        LOG.info("Embedded Kafka at {} stopped in {} ms", bootstrapServers,
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

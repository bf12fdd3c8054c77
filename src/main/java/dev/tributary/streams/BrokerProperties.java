package dev.tributary.streams;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The configuration of {@link EmbeddedKafka}'s single combined broker+controller node: loopback-only
 * listeners, one log directory, and internal topics sized for one broker.
 */
final class BrokerProperties {
    static final String HOST = "127.0.0.1";
    static final String BROKER_LISTENER = "PLAINTEXT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";
    static final int NODE_ID = 1;

    /** Keys that {@link EmbeddedKafka} owns: changing them would break the node's addressing or storage. */
    static final Set<String> RESERVED = Set.of(
            "process.roles", "node.id", "broker.id", "listeners", "advertised.listeners",
            "listener.security.protocol.map", "controller.listener.names", "inter.broker.listener.name",
            "controller.quorum.voters", "controller.quorum.bootstrap.servers", "log.dirs", "log.dir",
            "metadata.log.dir");

    /**
     * Single-node defaults. The transaction and offsets topics must live with one replica and a
     * minimum ISR of one, or transactional producers (and so {@code exactly_once_v2}) never get a
     * coordinator. Five internal partitions (not 50) are plenty for one node.
     */
    static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("offsets.topic.replication.factor", "1"),
            Map.entry("offsets.topic.num.partitions", "5"),
            Map.entry("transaction.state.log.replication.factor", "1"),
            Map.entry("transaction.state.log.min.isr", "1"),
            Map.entry("transaction.state.log.num.partitions", "5"),
            Map.entry("share.coordinator.state.topic.replication.factor", "1"),
            Map.entry("share.coordinator.state.topic.min.isr", "1"),
            Map.entry("default.replication.factor", "1"),
            Map.entry("min.insync.replicas", "1"),
            Map.entry("group.initial.rebalance.delay.ms", "0"),
            Map.entry("auto.create.topics.enable", "false"),
            // The log cleaner allocates its dedupe buffer up front (128 MB by default); compacted
            // changelogs of a demo need a tiny fraction of that.
            Map.entry("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024)));

    private BrokerProperties() {
    }

    /** Fails, naming the key, if {@code overrides} tries to set a key that {@link EmbeddedKafka} owns. */
    static void checkOverrides(Map<String, String> overrides) {
        Objects.requireNonNull(overrides, "brokerProperties");
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            Objects.requireNonNull(e.getKey(), "broker property name");
            if (RESERVED.contains(e.getKey())) {
                throw new IllegalArgumentException("broker property '" + e.getKey()
                        + "' is owned by EmbeddedKafka (loopback listeners, one node, temporary log directory)");
            }
            Objects.requireNonNull(e.getValue(), () -> "value of broker property '" + e.getKey() + "'");
        }
    }

    /** The full node configuration: defaults, then {@code overrides}, then the reserved addressing keys. */
    static Map<String, Object> build(Path logDir, int brokerPort, int controllerPort, Map<String, String> overrides) {
        Map<String, Object> p = new HashMap<>(DEFAULTS);
        p.putAll(overrides);
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        p.put("listeners", BROKER_LISTENER + "://" + HOST + ":" + brokerPort + ","
                + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", BROKER_LISTENER + "://" + HOST + ":" + brokerPort);
        p.put("listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", BROKER_LISTENER);
        p.put("log.dirs", logDir.toString());
        p.put("metadata.log.dir", logDir.toString());
        return p;
    }
}

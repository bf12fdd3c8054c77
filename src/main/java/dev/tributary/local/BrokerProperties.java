package dev.tributary.local;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The configuration of an {@link EmbeddedKafka} node, a combined broker+controller: loopback-only
 * listeners, one log directory, and internal topics sized for the cluster (one node, or three).
 */
final class BrokerProperties {
    static final String HOST = "127.0.0.1";
    static final String BROKER_LISTENER = "PLAINTEXT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";
    static final int FIRST_NODE_ID = 1;

    /** Keys that {@link EmbeddedKafka} owns: changing them would break the node's addressing or storage. */
    static final Set<String> RESERVED = Set.of(
            "process.roles", "node.id", "broker.id", "listeners", "advertised.listeners",
            "listener.security.protocol.map", "controller.listener.names", "inter.broker.listener.name",
            "controller.quorum.voters", "controller.quorum.bootstrap.servers", "log.dirs", "log.dir",
            "metadata.log.dir");

    /**
     * Defaults for a cluster of {@code nodes}. Replicated topics get min(3, nodes) replicas and a
     * minimum ISR of 2 once there are three nodes (1 below that): the transaction and offsets topics of
     * a single node must live with one replica and a minimum ISR of one, or transactional producers
     * (and so {@code exactly_once_v2}) never get a coordinator; on three nodes they survive the loss of
     * one, as in a production cluster. Five internal partitions (not 50) are plenty here.
     */
    static Map<String, String> defaults(int nodes) {
        String replicas = Integer.toString(Math.min(3, nodes));
        String minIsr = nodes >= 3 ? "2" : "1";
        Map<String, String> d = new HashMap<>(COMMON);
        d.put("offsets.topic.replication.factor", replicas);
        d.put("transaction.state.log.replication.factor", replicas);
        d.put("transaction.state.log.min.isr", minIsr);
        d.put("share.coordinator.state.topic.replication.factor", replicas);
        d.put("share.coordinator.state.topic.min.isr", minIsr);
        d.put("default.replication.factor", replicas);
        d.put("min.insync.replicas", minIsr);
        return d;
    }

    private static final Map<String, String> COMMON = Map.ofEntries(
            Map.entry("offsets.topic.num.partitions", "5"),
            Map.entry("transaction.state.log.num.partitions", "5"),
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

    /** The configuration of a single-node cluster (node 1). */
    static Map<String, Object> build(Path logDir, int brokerPort, int controllerPort, Map<String, String> overrides) {
        return build(logDir, FIRST_NODE_ID, brokerPort, controllerPort, voters(Map.of(FIRST_NODE_ID, controllerPort)), 1,
                overrides);
    }

    /** {@code controller.quorum.voters} for the given node ids and their controller ports. */
    static String voters(Map<Integer, Integer> controllerPorts) {
        return controllerPorts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "@" + HOST + ":" + e.getValue())
                .collect(java.util.stream.Collectors.joining(","));
    }

    /**
     * The configuration of node {@code nodeId} of a cluster of {@code nodes} whose controller quorum is
     * {@code voters}: defaults, then {@code overrides}, then the reserved addressing keys.
     */
    static Map<String, Object> build(Path logDir, int nodeId, int brokerPort, int controllerPort, String voters,
                                     int nodes, Map<String, String> overrides) {
        Map<String, Object> p = new HashMap<>(defaults(nodes));
        p.putAll(overrides);
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(nodeId));
        p.put("controller.quorum.voters", voters);
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

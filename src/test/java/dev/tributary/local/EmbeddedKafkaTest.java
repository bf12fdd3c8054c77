package dev.tributary.local;

import kafka.server.KafkaConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link EmbeddedKafka}'s configuration, checked without starting a broker (see EmbeddedKafkaIT for that). */
class EmbeddedKafkaTest {

    @Test
    void shouldRefuseABrokerPropertyThatItOwnsBeforeStartingAnything() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EmbeddedKafka.start(Map.of("listeners", "PLAINTEXT://0.0.0.0:9092")));
        assertTrue(e.getMessage().contains("'listeners'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EmbeddedKafka.start(Map.of("log.dirs", "/tmp/x")));
        assertThrows(NullPointerException.class, () -> EmbeddedKafka.start(null));
    }

    @Test
    void shouldLetOverridesReplaceDefaultsButNeverTheLoopbackAddressing() {
        Map<String, Object> p = BrokerProperties.build(Path.of("/tmp/logs"), 40001, 40002,
                Map.of("message.max.bytes", "2000000", "offsets.topic.num.partitions", "1"));
        assertEquals("2000000", p.get("message.max.bytes"));
        assertEquals("1", p.get("offsets.topic.num.partitions"));
        assertEquals("1", p.get("transaction.state.log.min.isr"));
        assertEquals("PLAINTEXT://127.0.0.1:40001,CONTROLLER://127.0.0.1:40002", p.get("listeners"));
        assertEquals("1@127.0.0.1:40002", p.get("controller.quorum.voters"));
    }

    @Test
    void shouldBuildAConfigThatKafkaAcceptsForOneNode() {
        KafkaConfig config = new KafkaConfig(BrokerProperties.build(Path.of("/tmp/logs"), 40001, 40002, Map.of()), false);
        assertEquals(1, config.nodeId());
        assertEquals(Short.valueOf((short) 1), config.getShort("transaction.state.log.replication.factor"));
        assertEquals(Integer.valueOf(1), config.getInt("transaction.state.log.min.isr"));
        assertEquals(Short.valueOf((short) 1), config.getShort("offsets.topic.replication.factor"));
        assertEquals(Integer.valueOf(0), config.getInt("group.initial.rebalance.delay.ms"));
        assertEquals(Boolean.FALSE, config.getBoolean("auto.create.topics.enable"));
    }

    @Test
    void shouldSizeReplicationForAThreeNodeClusterWithOneQuorumOfAllNodes() {
        String voters = BrokerProperties.voters(Map.of(3, 40013, 1, 40011, 2, 40012));
        assertEquals("1@127.0.0.1:40011,2@127.0.0.1:40012,3@127.0.0.1:40013", voters);
        KafkaConfig config = new KafkaConfig(BrokerProperties.build(Path.of("/tmp/logs"), 2, 40022, 40012, voters, 3,
                Map.of("min.insync.replicas", "3")), false);
        assertEquals(2, config.nodeId());
        assertEquals(Short.valueOf((short) 3), config.getShort("transaction.state.log.replication.factor"));
        assertEquals(Integer.valueOf(2), config.getInt("transaction.state.log.min.isr"));
        assertEquals(Short.valueOf((short) 3), config.getShort("offsets.topic.replication.factor"));
        assertEquals(Integer.valueOf(3), config.getInt("default.replication.factor"));
        assertEquals(Integer.valueOf(3), config.getInt("min.insync.replicas"), "an override wins");
        assertEquals("2", BrokerProperties.defaults(2).get("default.replication.factor"));
        assertEquals("1", BrokerProperties.defaults(2).get("min.insync.replicas"), "two nodes: one may be down");
        assertThrows(IllegalArgumentException.class, () -> EmbeddedKafka.startCluster(0, Map.of()));
    }
}

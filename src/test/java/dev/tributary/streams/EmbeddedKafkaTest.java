package dev.tributary.streams;

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
}

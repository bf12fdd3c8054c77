package dev.tributary.streams;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.junit.jupiter.api.Assertions.*;

class TributaryConfigTest {
    static Properties base() {
        Properties p = new Properties();
        p.put("bootstrap.servers", "localhost:9092");
        p.put("application.id", "app");
        return p;
    }

    @Test
    void shouldRefuseAnUnknownTributaryKeyByName() {
        Properties p = base();
        p.put("tributary.repartiton", "auto");
        ConfigException e = assertThrows(ConfigException.class, () -> new TributaryConfig(p));
        assertTrue(e.getMessage().contains("unknown setting 'tributary.repartiton'"), e.getMessage());
        assertTrue(e.getMessage().contains("tributary.repartition"), e.getMessage());
    }

    @Test
    void shouldRefuseABadValueAndMissingRequiredSettings() {
        Properties p = base();
        p.put("tributary.repartition", "sometimes");
        assertTrue(assertThrows(ConfigException.class, () -> new TributaryConfig(p)).getMessage().contains("sometimes"));
        Properties q = new Properties();
        q.put("bootstrap.servers", "x:1");
        assertTrue(assertThrows(ConfigException.class, () -> new TributaryConfig(q)).getMessage()
                .contains("application.id"));
    }

    @Test
    void shouldPassOtherKeysThroughUnchangedOverExactlyOnceDefaults() {
        Properties p = base();
        p.put("security.protocol", "SASL_SSL");
        p.put("sasl.jaas.config", "x required;");
        p.put("commit.interval.ms", "250");
        TributaryConfig c = new TributaryConfig(p);
        Properties s = c.streamsProperties();
        assertEquals("SASL_SSL", s.get("security.protocol"));
        assertEquals("x required;", s.get("sasl.jaas.config"));
        assertEquals("250", s.get("commit.interval.ms"), "the user's value wins");
        assertEquals("exactly_once_v2", s.get("processing.guarantee"));
        assertFalse(s.stringPropertyNames().stream().anyMatch(k -> k.startsWith("tributary.")));
        assertEquals("auto", c.repartition());
    }

    @Test
    void shouldLingerOnlyWhereItCostsNoVisibleLatencyUnlessTheUserSaysOtherwise() {
        Properties eos = new TributaryConfig(base()).streamsProperties();
        assertEquals("5", eos.getProperty("producer.linger.ms"), "exactly-once: predictions wait for the commit anyway");
        Properties alos = base();
        alos.setProperty("processing.guarantee", "at_least_once");
        assertEquals("0", new TributaryConfig(alos).streamsProperties().getProperty("producer.linger.ms"),
                "at-least-once: a prediction is visible once appended");
        assertEquals("100", eos.getProperty("commit.interval.ms"), "exactly-once: the commit makes predictions visible");
        assertEquals("1000", new TributaryConfig(alos).streamsProperties().getProperty("commit.interval.ms"),
                "at-least-once: the commit only bounds what a crash re-learns");
        alos.setProperty("commit.interval.ms", "250");
        assertEquals("250", new TributaryConfig(alos).streamsProperties().getProperty("commit.interval.ms"));
        Properties plain = base();
        plain.setProperty("linger.ms", "20");
        Properties out = new TributaryConfig(plain).streamsProperties();
        assertEquals("20", out.getProperty("linger.ms"));
        assertNull(out.getProperty("producer.linger.ms"), "a prefixed default would override the user's plain key");
        Properties prefixed = base();
        prefixed.setProperty("producer.linger.ms", "7");
        assertEquals("7", new TributaryConfig(prefixed).streamsProperties().getProperty("producer.linger.ms"));
    }

    @Test
    void shouldTakeTheReplicationFactorFromKafkaStreamsOwnKeyDefaultingToTheBrokers() {
        assertEquals(java.util.Optional.empty(), new TributaryConfig(base()).replicationFactor(), "-1: the broker's default");
        Properties p = base();
        p.put("replication.factor", "3");
        assertEquals(java.util.Optional.of((short) 3), new TributaryConfig(p).replicationFactor());
        for (String bad : new String[] {"three", "0", "-2"}) {
            Properties q = base();
            q.put("replication.factor", bad);
            ConfigException e = assertThrows(ConfigException.class, () -> new TributaryConfig(q), bad);
            assertTrue(e.getMessage().contains("replication.factor") && e.getMessage().contains(bad), e.getMessage());
        }
    }

    @Test
    void shouldGiveCreatedTopicsTheUsersTopicConfigsButNotTributarysInternalDefault() {
        TributaryConfig plain = new TributaryConfig(base());
        assertEquals(java.util.Map.of(), plain.inputTopicConfigs(), "topic.max.message.bytes is only for internal topics");
        assertEquals(java.util.Map.of(), plain.outputTopicConfigs());
        assertEquals("2097152", plain.streamsProperties().getProperty("topic.max.message.bytes"));

        Properties p = base();
        p.put("topic.min.insync.replicas", "2");
        p.put("topic.retention.ms", "1000");
        p.put("tributary.input.topic.retention.ms", "2000");
        p.put("tributary.output.topic.compression.type", "zstd");
        p.put("tributary.input.partitions", "6");
        TributaryConfig c = new TributaryConfig(p);
        assertEquals(java.util.Map.of("min.insync.replicas", "2", "retention.ms", "2000"), c.inputTopicConfigs());
        assertEquals(java.util.Map.of("min.insync.replicas", "2", "retention.ms", "1000", "compression.type", "zstd"),
                c.outputTopicConfigs());
        assertEquals(6, c.inputPartitions());
        assertEquals(1, plain.inputPartitions());
        assertEquals("2", c.streamsProperties().getProperty("topic.min.insync.replicas"), "Kafka Streams still sees topic.*");
        assertFalse(c.streamsProperties().stringPropertyNames().stream().anyMatch(k -> k.startsWith("tributary.")));

        Properties empty = base();
        empty.put("tributary.output.topic.", "x");
        assertTrue(assertThrows(ConfigException.class, () -> new TributaryConfig(empty)).getMessage()
                .contains("names no topic config"));
        Properties zero = base();
        zero.put("tributary.input.partitions", "0");
        assertTrue(assertThrows(ConfigException.class, () -> new TributaryConfig(zero)).getMessage()
                .contains("tributary.input.partitions"));
    }
}

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
}

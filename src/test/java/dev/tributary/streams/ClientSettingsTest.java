package dev.tributary.streams;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientSettingsTest {

    @Test
    void shouldKeepOnlyClientKeysWithPrefixedOverridesWinning() {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", "b:9092");
        p.setProperty("application.id", "app");
        p.setProperty("processing.guarantee", "exactly_once_v2");
        p.setProperty("tributary.repartition", "auto");
        p.setProperty("security.protocol", "SASL_SSL");
        p.setProperty("linger.ms", "20");
        p.setProperty("producer.linger.ms", "1");
        p.setProperty("producer.no.such.key", "x");
        Map<String, Object> producer = ClientSettings.producer(p);
        assertEquals(Map.of("bootstrap.servers", "b:9092", "security.protocol", "SASL_SSL", "linger.ms", "1"), producer);
        Map<String, Object> consumer = ClientSettings.consumer(p);
        assertFalse(consumer.containsKey("linger.ms"));
        assertTrue(consumer.containsKey("security.protocol"));
        assertFalse(ClientSettings.admin(p).containsKey("application.id"));
    }

    @Test
    void shouldNameTheMissingBootstrap() {
        var e = assertThrows(IllegalArgumentException.class, () -> ClientSettings.producer(new Properties()));
        assertTrue(e.getMessage().contains("bootstrap.servers"), e.getMessage());
    }
}

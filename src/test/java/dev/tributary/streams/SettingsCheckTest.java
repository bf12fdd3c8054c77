package dev.tributary.streams;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.*;

class SettingsCheckTest {

    static Properties of(String... keys) {
        Properties p = new Properties();
        for (String k : keys) {
            p.setProperty(k, "x");
        }
        return p;
    }

    @Test
    void shouldNameAMisspeltKeyAndTheKeyItMeant() {
        List<SettingsCheck.Unknown> u = SettingsCheck.unknown(of("procesing.guarantee", "bootstrap.servers"));
        assertEquals(1, u.size(), u.toString());
        assertEquals("procesing.guarantee", u.get(0).key());
        assertEquals(Optional.of("processing.guarantee"), u.get(0).closest());
        assertEquals("unknown setting 'procesing.guarantee'; did you mean 'processing.guarantee'?", u.get(0).message());
        assertEquals(Optional.of("producer.linger.ms"), SettingsCheck.unknown(of("producer.lingr.ms")).get(0).closest());
        assertEquals(Optional.of("tributary.input.topic.retention.ms"),
                SettingsCheck.unknown(of("tributary.input.topic.retenton.ms")).get(0).closest());
    }

    @Test
    void shouldNotGuessForAKeyFarFromEveryKnownOne() {
        SettingsCheck.Unknown u = SettingsCheck.unknown(of("schema.registry.url")).get(0);
        assertEquals(Optional.empty(), u.closest());
        assertTrue(u.message().contains("passed on unchanged"), u.message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"processing.guarantee", "application.id", "state.dir", "num.standby.replicas",
            "producer.linger.ms", "consumer.max.poll.records", "main.consumer.fetch.max.bytes",
            "restore.consumer.max.poll.records", "admin.retries", "sasl.jaas.config", "ssl.truststore.location",
            "topic.min.insync.replicas", "tributary.output.topic.retention.ms", "tributary.input.topic.cleanup.policy",
            "tributary.repartition", "tributary.static.membership", "client.tag.zone", "replication.factor",
            "session.timeout.ms", "group.instance.id", "max.request.size"})
    void shouldKnowEveryKindOfSettingTheApplicationReads(String key) {
        assertEquals(List.of(), SettingsCheck.unknown(of(key)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"config/application.properties", "config/cluster.properties",
            "docker/tributary/container.properties"})
    void shouldFindNothingUnknownInTheShippedConfigurations(String file) throws Exception {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of(file))) {
            p.load(r);
        }
        assertFalse(p.isEmpty());
        assertEquals(List.of(), SettingsCheck.unknown(p), file);
    }
}

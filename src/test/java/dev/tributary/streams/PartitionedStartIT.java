package dev.tributary.streams;

import dev.tributary.local.EmbeddedKafka;
import dev.tributary.spec.SpecLoader;
import dev.tributary.spec.TopologySpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Partitioned learners refuse, before Kafka Streams starts and with a message naming the problem, what cannot work. */
class PartitionedStartIT {
    static Properties props(EmbeddedKafka kafka, String app) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("application.id", app);
        p.put(TributaryConfig.LEARNERS, "partitioned");
        return p;
    }

    static String refusal(TopologySpec spec, Properties p) {
        return assertThrows(IllegalStateException.class,
                () -> new TributaryApp(spec, new TributaryConfig(p)).prepare(true)).getMessage();
    }

    @Test
    void shouldRefuseInputsNotCoPartitionedAVocabularyAConflictAndAModelTopicOfTheWrongSize() throws Exception {
        TopologySpec synthetic = SpecLoader.load(Path.of("topology/synthetic.yaml"));
        try (EmbeddedKafka kafka = EmbeddedKafka.start(); Admin admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic("t1.events", Optional.of(4), Optional.empty()),
                    new NewTopic("t2.events", Optional.of(4), Optional.empty()),
                    new NewTopic("t3.events", Optional.of(2), Optional.empty()))).all().get();
            String m = refusal(synthetic, props(kafka, "a"));
            assertTrue(m.contains("co-partitioned") && m.contains("t3.events=2") && m.contains("t1.events=4"), m);

            Properties always = props(kafka, "b");
            always.put(TributaryConfig.REPARTITION, "always");
            m = refusal(synthetic, always);
            assertTrue(m.contains("tributary.repartition=always") && m.contains("choose one"), m);

            TopologySpec vocabulary = SpecLoader.load(Path.of("topology/bench-ids-vocabulary.yaml"));
            m = refusal(vocabulary, props(kafka, "c"));
            assertTrue(m.contains("vocabulary") && m.contains("hash them instead"), m);

            TopologySpec renamed = synthetic.withTopicPrefix("x.");
            admin.createTopics(List.of(new NewTopic("x.t1.events", Optional.of(3), Optional.empty()),
                    new NewTopic("x.t2.events", Optional.of(3), Optional.empty()),
                    new NewTopic("x.t3.events", Optional.of(3), Optional.empty()),
                    new NewTopic("d-model-global", Optional.of(2), Optional.empty()))).all().get();
            m = refusal(renamed, props(kafka, "d"));
            assertTrue(m.contains("d-model-global has 2 partitions") && m.contains("need 3"), m);

            TributaryApp.Plan plan = new TributaryApp(renamed, new TributaryConfig(props(kafka, "e"))).prepare(true);
            assertEquals(3, plan.replicas());
            assertTrue(plan.createdTopics().containsAll(List.of("e-model-deltas", "e-model-global")), plan.toString());
        }
    }
}

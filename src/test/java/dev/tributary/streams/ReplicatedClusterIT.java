package dev.tributary.streams;

import dev.tributary.local.TestClients;
import dev.tributary.local.EmbeddedKafka;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.data.SyntheticStream;
import dev.tributary.event.Event;
import dev.tributary.event.EventCodec;
import dev.tributary.spec.SpecLoader;
import dev.tributary.spec.TaskSpec;
import dev.tributary.spec.TopologySpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * On a real three-node KRaft cluster (minimum ISR 2, as in production) the application creates its
 * topics with the configured replication and topic configs, and when the node that leads its
 * prediction partition dies mid-stream (no controlled shutdown: to the cluster, a crash) it carries on
 * with every event predicted exactly once, and never enters ERROR.
 */
class ReplicatedClusterIT {
    static final int EVENTS = 2_400;
    EmbeddedKafka kafka;
    final TopologySpec spec = SpecLoader.load(Path.of("topology/synthetic.yaml"));
    final EventCodec codec = new EventCodec();

    @BeforeEach
    void startCluster() {
        // The dead node is noticed when its heartbeats stop: 3 s instead of 9 keeps the test short.
        kafka = EmbeddedKafka.startCluster(3, Map.of(
                "controlled.shutdown.enable", "false",
                "broker.heartbeat.interval.ms", "500",
                "broker.session.timeout.ms", "3000"));
    }

    @AfterEach
    void stopCluster() {
        kafka.close();
    }

    @Test
    void shouldReplicateItsTopicsAndPredictEveryEventOnceWhenANodeDies(@TempDir Path dir) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("application.id", "replicated");
        p.put("state.dir", dir.toString());
        p.put("replication.factor", "3");
        p.put("topic.min.insync.replicas", "2");
        p.put("tributary.input.partitions", "2");
        p.put("tributary.output.topic.retention.ms", Long.toString(Duration.ofDays(1).toMillis()));
        TributaryConfig config = new TributaryConfig(p);
        TributaryApp app = new TributaryApp(spec, config);
        List<String> inputs = spec.tasks().stream().map(TaskSpec::topic).toList();
        List<String> predictions = spec.tasks().stream().map(TaskSpec::predictionTopic).toList();
        try (Admin admin = kafka.admin()) {
            List<String> created = app.createTopics(admin);
            assertEquals(new TreeSet<>(TopicNames.outputs(spec)).size() + inputs.size(), created.size(), created.toString());
            Map<String, TopicDescription> topics = describeOnceKnown(admin, created);
            for (TopicDescription d : topics.values()) {
                d.partitions().forEach(part -> assertEquals(3, part.replicas().size(), d.name() + " replicas"));
            }
            inputs.forEach(t -> assertEquals(2, topics.get(t).partitions().size(), t + " partitions"));
            Map<ConfigResource, Config> configs = admin.describeConfigs(created.stream()
                    .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList()).all().get();
            configs.forEach((r, c) -> assertEquals("2", c.get("min.insync.replicas").value(), r.name()));
            assertEquals("86400000", configs.get(new ConfigResource(ConfigResource.Type.TOPIC, predictions.get(0)))
                    .get("retention.ms").value(), "the user's output retention over Tributary's 7 days");
            assertEquals("LogAppendTime", configs.get(new ConfigResource(ConfigResource.Type.TOPIC, predictions.get(0)))
                    .get("message.timestamp.type").value(), "Tributary's other output defaults stay");
        }
        TributaryApp.Plan plan = app.prepare(false);
        assertTrue(plan.repartition(), "two input partitions: the events are repartitioned to the learner");

        AtomicReference<KafkaStreams.State> worst = new AtomicReference<>(KafkaStreams.State.CREATED);
        KafkaStreams streams = app.start(plan, (now, before) -> {
            if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.PENDING_ERROR) {
                worst.set(now);
            }
        });
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            StreamingIT.awaitRunning(streams);
            try (Admin admin = kafka.admin()) {
                // Kafka Streams' own changelog and repartition topics follow the same replication.factor.
                List<String> internal = admin.listTopics().names().get().stream()
                        .filter(t -> t.startsWith("replicated-")).toList();
                assertEquals(2, internal.size(), internal.toString());
                admin.describeTopics(internal).allTopicNames().get().values().forEach(d -> d.partitions()
                        .forEach(part -> assertEquals(3, part.replicas().size(), d.name())));
            }
            SyntheticStream stream = new SyntheticStream(spec);
            Set<String> sent = ConcurrentHashMap.newKeySet();
            int victim = -1;
            for (int i = 0; i < EVENTS; i++) {
                TaskSpec task = spec.tasks().get(i % spec.tasks().size());
                Event e = stream.next();
                Event event = new Event(task.name(), "e-" + i, e.timestamp(), e.features(), e.label());
                producer.send(new ProducerRecord<>(task.topic(), event.id().getBytes(), codec.encode(event)));
                sent.add(event.id());
                if (i == EVENTS / 3) {
                    producer.flush();
                    victim = leaderOf(predictions.get(0));
                    kafka.stopNode(victim);
                }
                if (i % 10 == 0) {
                    Thread.sleep(40); // ~250 events/s: ~3 s of stream before the crash, ~6 s after
                }
            }
            producer.flush();
            assertTrue(victim > 0);

            Map<String, List<ConsumerRecord<byte[], byte[]>>> out = TestClients.readCommittedByTopic(kafka,
                    concat(predictions, List.of(TopicNames.DEAD_LETTER)), EVENTS, Duration.ofMillis(3000), Duration.ofSeconds(120));
            Map<String, Integer> perId = new HashMap<>();
            for (String t : predictions) {
                for (ConsumerRecord<byte[], byte[]> r : out.getOrDefault(t, List.of())) {
                    perId.merge(new ObjectMapper().readTree(r.value()).get("id").textValue(), 1, Integer::sum);
                }
            }
            assertEquals(sent, perId.keySet(), "every event predicted");
            long[] stamps = predictions.stream().flatMap(t -> out.getOrDefault(t, List.of()).stream())
                    .mapToLong(ConsumerRecord::timestamp).sorted().toArray();
            long gap = 0;
            for (int i = 1; i < stamps.length; i++) {
                gap = Math.max(gap, stamps[i] - stamps[i - 1]);
            }
            System.out.printf("ReplicatedClusterIT: node %d died; longest pause between predictions %d ms%n", victim, gap);
            Map<String, Integer> twice = perId.entrySet().stream().filter(en -> en.getValue() != 1)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            assertEquals(Map.of(), twice, "no event predicted twice after node " + victim + " died");
            assertEquals(List.of(), out.getOrDefault(TopicNames.DEAD_LETTER, List.of()), "no dead letters");
            assertEquals(KafkaStreams.State.RUNNING, streams.state());
            assertEquals(KafkaStreams.State.CREATED, worst.get(), "never in error");
        } finally {
            app.close();
        }
    }

    /** The node that leads partition 0 of {@code topic}. */
    int leaderOf(String topic) throws Exception {
        try (Admin admin = kafka.admin()) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().get(0).leader().id();
        }
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * The topics' descriptions once every node's metadata knows them: just after creation a node may
     * still answer UNKNOWN_TOPIC_OR_PARTITION for a while.
     */
    static Map<String, TopicDescription> describeOnceKnown(Admin admin, List<String> topics) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            try {
                return admin.describeTopics(topics).allTopicNames().get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)
                        || System.currentTimeMillis() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }
}

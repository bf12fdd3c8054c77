package dev.tributary.local;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link EmbeddedKafka} is a real broker: records, consumer groups, transactions and Kafka Streams'
 * {@code exactly_once_v2} all work on its single node. Every test starts its own broker, so every
 * test after the first also proves that brokers can be started one after the other in one JVM.
 */
class EmbeddedKafkaIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SETTLE = Duration.ofMillis(300);

    @Test
    void shouldDeliverEveryIdempotentlyProducedRecordExactlyOnceAndInOrderPerPartition() {
        int n = 10_000;
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopic("records", 3, Map.of());
            try (KafkaProducer<String, String> producer = TestClients.producer(kafka, null)) {
                for (int i = 0; i < n; i++) {
                    producer.send(new ProducerRecord<>("records", "k" + (i % 97), Integer.toString(i)));
                }
                producer.flush();
            }
            List<ConsumerRecord<String, String>> records;
            try (KafkaConsumer<String, String> consumer = TestClients.consumer(kafka, "readers", "read_committed")) {
                consumer.subscribe(List.of("records"));
                records = TestClients.pollAtLeast(consumer, n, SETTLE, TIMEOUT);
            }
            assertEquals(n, records.size(), "no record lost or duplicated");
            assertEquals(IntStream.range(0, n).boxed().toList(),
                    records.stream().map(r -> Integer.parseInt(r.value())).sorted().toList());
            Map<String, Integer> lastPerKey = new HashMap<>();
            Set<Integer> partitions = new HashSet<>();
            for (ConsumerRecord<String, String> r : records) {
                int v = Integer.parseInt(r.value());
                Integer previous = lastPerKey.put(r.key(), v);
                assertTrue(previous == null || previous < v, "key " + r.key() + " out of order: " + previous + " then " + v);
                partitions.add(r.partition());
            }
            assertEquals(Set.of(0, 1, 2), partitions, "all three partitions carry data");
        }
    }

    @Test
    void shouldShowReadCommittedConsumersOnlyTheCommittedTransactions() {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopic("txn", 3, Map.of());
            try (KafkaProducer<String, String> producer = TestClients.producer(kafka, "tributary-it-txn")) {
                producer.initTransactions();
                sendInTransaction(producer, "committed-", 0, 5);
                producer.commitTransaction();
                sendInTransaction(producer, "aborted-", 0, 5);
                producer.flush(); // the aborted records really reach the log before the abort
                producer.abortTransaction();
                sendInTransaction(producer, "committed-", 5, 10);
                producer.commitTransaction();
            }
            List<String> committed = values(kafka, "txn", "read_committed", 10);
            assertEquals(IntStream.range(0, 10).mapToObj(i -> "committed-" + i).sorted().toList(),
                    committed.stream().sorted().toList());
            List<String> everything = values(kafka, "txn", "read_uncommitted", 15);
            assertEquals(5, everything.stream().filter(v -> v.startsWith("aborted-")).count(),
                    "read_uncommitted sees the aborted records, so read_committed really filtered them");
        }
    }

    @Test
    void shouldCommitConsumedOffsetsAtomicallyWithTheOutputOfATransaction() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopics(List.of(new NewTopic("in", 1, (short) 1), new NewTopic("out", 1, (short) 1)));
            try (KafkaProducer<String, String> producer = TestClients.producer(kafka, null)) {
                for (int i = 0; i < 20; i++) {
                    producer.send(new ProducerRecord<>("in", Integer.toString(i)));
                }
            }
            try (KafkaConsumer<String, String> consumer = TestClients.consumer(kafka, "copier", "read_committed");
                 KafkaProducer<String, String> producer = TestClients.producer(kafka, "tributary-it-copier")) {
                consumer.subscribe(List.of("in"));
                List<ConsumerRecord<String, String>> in = TestClients.pollAtLeast(consumer, 20, Duration.ZERO, TIMEOUT);
                producer.initTransactions();
                producer.beginTransaction();
                in.forEach(r -> producer.send(new ProducerRecord<>("out", "copy-" + r.value())));
                TopicPartition tp = new TopicPartition("in", 0);
                producer.sendOffsetsToTransaction(Map.of(tp, new OffsetAndMetadata(20)), consumer.groupMetadata());
                producer.commitTransaction();
            }
            try (Admin admin = kafka.admin()) {
                Map<TopicPartition, OffsetAndMetadata> offsets =
                        admin.listConsumerGroupOffsets("copier").partitionsToOffsetAndMetadata().get();
                assertEquals(20, offsets.get(new TopicPartition("in", 0)).offset());
            }
            assertEquals(20, values(kafka, "out", "read_committed", 20).size());
        }
    }

    @Test
    void shouldRunAKafkaStreamsApplicationWithExactlyOnceV2(@TempDir Path stateDir) {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopics(List.of(new NewTopic("words", 2, (short) 1), new NewTopic("shouts", 2, (short) 1)));
            StreamsBuilder builder = new StreamsBuilder();
            builder.stream("words", Consumed.with(Serdes.String(), Serdes.String()))
                    .mapValues(v -> v.toUpperCase(Locale.ROOT))
                    .to("shouts", Produced.with(Serdes.String(), Serdes.String()));
            Properties props = new Properties();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "tributary-it-eos");
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
            props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
            props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
            try (KafkaProducer<String, String> producer = TestClients.producer(kafka, null)) {
                for (int i = 0; i < 50; i++) {
                    producer.send(new ProducerRecord<>("words", "k" + i, "word-" + i));
                }
            }
            KafkaStreams streams = new KafkaStreams(builder.build(), props);
            try {
                streams.start();
                List<String> shouts = values(kafka, "shouts", "read_committed", 50);
                assertEquals(IntStream.range(0, 50).mapToObj(i -> "WORD-" + i).sorted().toList(),
                        shouts.stream().sorted().toList());
            } finally {
                streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                        .withTimeout(TIMEOUT));
            }
        }
    }

    @Test
    void shouldDeleteItsDirectoryOnCloseAndLetAnotherBrokerStartAfterIt() {
        EmbeddedKafka first = EmbeddedKafka.start();
        Path firstDir = first.directory();
        first.createTopic("lifecycle", 1, Map.of("cleanup.policy", "compact"));
        assertThrows(IllegalArgumentException.class, () -> first.createTopic("empty", 0, Map.of()));
        assertThrows(KafkaException.class, () -> first.createTopic("lifecycle", 1, Map.of()), "exists already");
        assertEquals(List.of("one"), roundTrip(first, "lifecycle", "one"));
        assertTrue(Files.isDirectory(firstDir));
        first.close();
        assertFalse(Files.exists(firstDir), "temporary directory deleted on close: " + firstDir);
        first.close(); // idempotent
        assertThrows(IllegalStateException.class, () -> first.createTopic("late", 1, Map.of()));

        try (EmbeddedKafka second = EmbeddedKafka.start()) {
            assertFalse(second.directory().equals(firstDir));
            second.createTopic("lifecycle", 1, Map.of());
            assertEquals(List.of("two"), roundTrip(second, "lifecycle", "two"), "a fresh broker: nothing left from the first");
        }
    }

    @Test
    void shouldRetryWithFreshPortsWhenAPortIsTakenBeforeTheBrokerBindsIt() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            AtomicInteger calls = new AtomicInteger();
            try (EmbeddedKafka kafka = EmbeddedKafka.start(Map.of(), () ->
                    calls.getAndIncrement() == 0 ? taken.getLocalPort() : EmbeddedKafka.freeLoopbackPort())) {
                assertFalse(kafka.bootstrapServers().endsWith(":" + taken.getLocalPort()));
                assertEquals(4, calls.get(), "two ports for the failed attempt, two for the retry");
                kafka.createTopic("retry", 1, Map.of());
                assertEquals(List.of("ok"), roundTrip(kafka, "retry", "ok"));
            }
        }
    }

    @Test
    void shouldListenOnLoopbackOnly() throws IOException {
        Optional<InetAddress> external = NetworkInterface.networkInterfaces()
                .filter(EmbeddedKafkaIT::isUp)
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
                .findFirst();
        assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address to probe");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            assertTrue(kafka.bootstrapServers().startsWith("127.0.0.1:"), kafka.bootstrapServers());
            int port = Integer.parseInt(kafka.bootstrapServers().substring("127.0.0.1:".length()));
            try (Socket local = new Socket()) {
                local.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            }
            try (Socket remote = new Socket()) {
                assertThrows(ConnectException.class,
                        () -> remote.connect(new InetSocketAddress(external.get(), port), 2000),
                        "the broker must not accept connections on " + external.get());
            }
        }
    }

    private static void sendInTransaction(KafkaProducer<String, String> producer, String prefix, int from, int to) {
        producer.beginTransaction();
        for (int i = from; i < to; i++) {
            producer.send(new ProducerRecord<>("txn", prefix + i, prefix + i));
        }
    }

    /** Reads at least {@code expected} values of {@code topic} from the beginning, in a fresh group. */
    private static List<String> values(EmbeddedKafka kafka, String topic, String isolation, int expected) {
        try (KafkaConsumer<String, String> consumer =
                     TestClients.consumer(kafka, "check-" + topic + "-" + isolation, isolation)) {
            consumer.subscribe(List.of(topic));
            List<String> values = new ArrayList<>();
            TestClients.pollAtLeast(consumer, expected, SETTLE, TIMEOUT).forEach(r -> values.add(r.value()));
            return values;
        }
    }

    /** Produces one record to {@code topic} and returns everything a fresh consumer then reads there. */
    private static List<String> roundTrip(EmbeddedKafka kafka, String topic, String value) {
        try (KafkaProducer<String, String> producer = TestClients.producer(kafka, null)) {
            producer.send(new ProducerRecord<>(topic, "key", value));
        }
        return values(kafka, topic, "read_committed", 1);
    }

    private static boolean isUp(NetworkInterface nif) {
        try {
            return nif.isUp();
        } catch (IOException e) {
            return false;
        }
    }
}

package dev.tributary.cli;

import dev.tributary.monitor.RecordFiles;
import dev.tributary.local.EmbeddedKafka;
import dev.tributary.streams.TopicNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code tributary report --from TOPIC} and {@code tributary watch} against a real in-process broker:
 * the first 30 seconds of the committed recording, replayed onto the monitoring topics, plus one
 * record of an unknown type and one malformed record.
 */
class MonitorToolsIT {
    static final Pattern TASK = Pattern.compile("\"task\":\"([^\"]+)\"");
    static EmbeddedKafka kafka;
    static int valid;

    @BeforeAll
    static void startBrokerAndPublish() throws Exception {
        kafka = EmbeddedKafka.start();
        // Not kafka.createTopic: its wait for partition leaders can fail at once with
        // UnknownTopicOrPartitionException when the broker's metadata lags the creation. The producer
        // below waits for the topics' metadata itself.
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic(TopicNames.METRICS, 2, (short) 1),
                    new NewTopic(TopicNames.DRIFT, 1, (short) 1))).all().get();
        }
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(ReportCommandTest.RECORDING)), StandardCharsets.UTF_8))) {
            in.lines().forEach(lines::add);
        }
        try (KafkaProducer<String, String> p = producer()) {
            int metrics = 0;
            for (String line : lines) {
                boolean drift = line.contains("\"type\":\"drift\"");
                if (drift || metrics++ < 90) {
                    Matcher task = TASK.matcher(line);
                    assertTrue(task.find(), line);
                    // Keyed by task, as the application publishes them: a task's records stay in order.
                    p.send(new ProducerRecord<>(drift ? TopicNames.DRIFT : TopicNames.METRICS, task.group(1), line));
                    valid++;
                }
            }
            p.send(new ProducerRecord<>(TopicNames.METRICS, "{\"type\":\"buffer_depths\",\"t1\":4}"));
            valid++;
            p.send(new ProducerRecord<>(TopicNames.METRICS, 0, null, "{\"type\":\"task_metrics\","));
        }
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all"),
                new StringSerializer(), new StringSerializer());
    }

    @Test
    void shouldReportEveryRecordOfTheMonitoringTopicsAndSaveThem(@TempDir Path dir) throws IOException {
        Path saved = dir.resolve("saved.jsonl.gz");
        ReportCommandTest.Result r = ReportCommandTest.run("report", "--bootstrap", kafka.bootstrapServers(),
                "--out", dir.resolve("report").toString(), "--save-records", saved.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("topics tributary.metrics, tributary.drift on " + kafka.bootstrapServers()), r.out());
        assertTrue(r.err().contains("1 malformed record skipped, e.g. tributary.metrics-0 offset"), r.err());
        for (String png : List.of("metric-t1.png", "metric-t2.png", "metric-t3.png", "experts-t1.png")) {
            assertTrue(Files.size(dir.resolve("report").resolve(png)) > 10_000, png);
        }
        assertFalse(Files.exists(dir.resolve("report/affinity.png")), "no affinity topic");
        long savedRecords = RecordFiles.read(saved, x -> { }).records();
        assertTrue(savedRecords >= valid, "every valid record saved: " + savedRecords + " of at least " + valid);
        assertTrue(r.out().contains(String.format("(%,d records)", savedRecords)), r.out());
        String html = Files.readString(dir.resolve("report/index.html"));
        assertTrue(html.contains("3 drift alerts (loss/page-hinkley at model version 1126"), html);
    }

    @Test
    void shouldRefuseANamedTopicThatDoesNotExist(@TempDir Path dir) {
        ReportCommandTest.Result r = ReportCommandTest.run("report", "--from", TopicNames.AFFINITY, "--bootstrap",
                kafka.bootstrapServers(), "--out", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("error: no topic tributary.affinity on " + kafka.bootstrapServers()), r.err());
    }

    @Test
    void shouldPrintOneViewOfTheWholeHistoryWithOnce() {
        ReportCommandTest.Result r = ReportCommandTest.run("watch", "--bootstrap", kafka.bootstrapServers(),
                "--from-beginning", "--once", "--plain");
        assertEquals(0, r.code(), r.err());
        String out = r.out();
        assertFalse(out.contains("\033["), "plain output has no escape codes");
        assertTrue(out.contains("drift 3, affinity 0, other 1, malformed 1)"), out);
        assertTrue(out.contains("no topic tributary.affinity yet"), out);
        // 30 metrics records per task, every 100 rows: 3,000 events each; t1's 3 drift alerts, the last on the error.
        assertTrue(out.lines().anyMatch(l -> l.startsWith("  t1 ") && l.contains(" 3000 ") && l.contains("auc 0.")
                && l.contains(" 3 error")), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("  t3 ") && l.contains("rmse ")), out);
        assertTrue(out.contains("t1  error/adwin at event 12,064"), out);
        assertTrue(out.contains("ignored records of unknown type: buffer_depths ×1"), out);
    }

    @Test
    void shouldFollowNewRecordsLiveAndStopCleanly() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        WatchCommand watch = new WatchCommand();
        watch.topicRefreshMs = 50;  // looks for tributary.affinity often: that must not rewind the other topics
        AtomicInteger code = new AtomicInteger(-1);
        Thread t = new Thread(() -> code.set(new CommandLine(watch).execute("--bootstrap", kafka.bootstrapServers(),
                "--plain", "--interval-ms", "100")));
        try {
            t.start();
            String live = "{\"type\":\"task_metrics\",\"task\":\"live\",\"kind\":\"binary\",\"ts\":1,\"model_version\":9,"
                    + "\"consumed\":77,\"metrics\":{\"auc_window\":0.5}}";
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!output(bytes).contains("  live ")) {
                assertTrue(System.nanoTime() < deadline, "the live record never showed: " + output(bytes));
                try (KafkaProducer<String, String> p = producer()) {
                    p.send(new ProducerRecord<>(TopicNames.METRICS, "live", live));
                }
                Thread.sleep(500);
            }
            Thread.sleep(500);  // ten looks for the missing topic
            try (KafkaProducer<String, String> p = producer()) {
                p.send(new ProducerRecord<>(TopicNames.METRICS, "later", live.replace("live", "later")));
            }
            while (!output(bytes).contains("  later ")) {
                assertTrue(System.nanoTime() < deadline, "the later record never showed: " + output(bytes));
                Thread.sleep(100);
            }
            watch.stop();
            t.join(30_000);
        } finally {
            System.setOut(original);
        }
        assertFalse(t.isAlive(), "watch stopped");
        assertEquals(0, code.get());
        String out = output(bytes);
        assertFalse(out.contains("  t1 "), "it started at the end of the topics and never rewound: " + out);
    }

    private static String output(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}

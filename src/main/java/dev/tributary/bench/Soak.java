package dev.tributary.bench;

import dev.tributary.spec.SpecLoader;
import dev.tributary.spec.TaskSpec;
import dev.tributary.spec.TopologySpec;
import dev.tributary.local.EmbeddedKafka;
import dev.tributary.streams.TopicNames;
import dev.tributary.streams.TributaryApp;
import dev.tributary.streams.TributaryConfig;
import dev.tributary.util.Pacer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * A soak run: {@code tributary run} in its own JVM learns from a long stream ({@link SoakStream}:
 * skewed task rates, a task silent for half the run, bad records mixed in) sent at a steady rate,
 * while its resident memory, state-store size and consumer lag are sampled at a fixed interval. At
 * the end every record must have exactly one prediction or exactly one dead letter.
 *
 * <p>Writes {@code soak.csv} (one row per sample), {@code soak.png} (the three series over time) and
 * the child's log {@code app.log} into the output directory; its state directory is {@code state/}
 * there, emptied first.
 */
public final class Soak {
    /** What to run. {@code bootstrap} null: a broker in this JVM. */
    public record Settings(Path topology, String bootstrap, long events, double rate, Duration interval,
                           double badFraction, String heap, Path out) {
        public Settings {
            if (events < 1) {
                throw new IllegalArgumentException("--events must be positive, found " + events);
            }
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("--rate must be a positive number of events per second, found " + rate);
            }
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("--interval must be positive, found " + interval);
            }
        }
    }

    /**
     * One sample: seconds since the stream started, records sent, the application's resident memory,
     * its live Java heap (after a full collection; -1: unknown), its state directory's size and its
     * consumer lag (-1: unknown).
     */
    public record Sample(double seconds, long produced, long residentBytes, long liveHeapBytes, long storeBytes,
                         long lag) {
    }

    /**
     * Outcome: samples, what was sent, what came out, and whether every record had exactly one output;
     * {@code heapGrowth} the classes whose live bytes grew most from the end of the warm-up to the last
     * sample (their histograms are {@code heap-start.txt} and {@code heap-end.txt} beside the CSV).
     */
    public record Result(List<Sample> samples, double rate, long records, long bad, long[] perTask, long predictions,
                         long deadLetters, long missing, long duplicated, Map<String, Long> reasons, double seconds,
                         Path csv, Path chart, List<Map.Entry<String, Long>> heapGrowth) {
        public boolean exactlyOnce() {
            return missing == 0 && duplicated == 0;
        }
    }

    private static final String APP_ID = "tributary-soak";

    private Soak() {
    }

    public static Result run(Settings s, PrintStream log) throws Exception {
        TopologySpec spec = SpecLoader.load(s.topology());
        Files.createDirectories(s.out());
        Path state = s.out().resolve("state");
        deleteRecursively(state);
        EmbeddedKafka kafka = s.bootstrap() == null ? EmbeddedKafka.start() : null;
        String bootstrap = kafka != null ? kafka.bootstrapServers() : s.bootstrap();
        try {
            return run(s, spec, bootstrap, state, log);
        } finally {
            if (kafka != null) {
                kafka.close();
            }
        }
    }

    private static Result run(Settings s, TopologySpec spec, String bootstrap, Path state, PrintStream log)
            throws Exception {
        Properties app = new Properties();
        app.setProperty("bootstrap.servers", bootstrap);
        app.setProperty("application.id", APP_ID);
        app.setProperty("state.dir", state.toAbsolutePath().toString());
        Path config = s.out().resolve("soak.properties");
        try (Writer w = Files.newBufferedWriter(config)) {
            app.store(w, "tributary bench soak: the application's settings");
        }
        List<String> inputs = spec.tasks().stream().map(TaskSpec::topic).toList();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            requireFresh(admin, inputs, spec);
            new TributaryApp(spec, new TributaryConfig(app)).createTopics(admin);
        }
        SoakStream stream = new SoakStream(spec, s.events(), s.badFraction());
        log.printf("soak: %,d records at %,.0f/s (%.1f%% bad), tasks %s weighted %s, %s silent for the middle half;"
                        + " broker %s; output in %s%n", s.events(), s.rate(), 100 * s.badFraction(),
                spec.tasks().stream().map(TaskSpec::name).toList(), fmt(stream.weights()),
                spec.tasks().get(stream.silentTask()).name(), bootstrap, s.out());

        List<Sample> samples = new CopyOnWriteArrayList<>();
        List<HeapHistogram> histograms = new CopyOnWriteArrayList<>();
        Path csv = s.out().resolve("soak.csv");
        AtomicLong produced = new AtomicLong();
        long[] perTask = new long[spec.tasks().size()];
        long t0;
        try (ChildApp child = ChildApp.start(s.topology(), config, s.heap(), s.out().resolve("app.log"),
                s.out().resolve("gc.log"));
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
             Writer csvOut = Files.newBufferedWriter(csv)) {
            csvOut.write("seconds,produced,rss_bytes,live_heap_bytes,store_bytes,lag\n");
            awaitJoined(admin, child, Duration.ofMinutes(2));
            t0 = System.nanoTime();
            long start = t0;
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "soak-sampler");
                t.setDaemon(true);
                return t;
            });
            AtomicReference<Exception> samplerFailure = new AtomicReference<>();
            Runnable sample = () -> {
                try {
                    HeapHistogram heap = child.liveHeap();
                    Sample m = new Sample((System.nanoTime() - start) / 1e9, produced.get(), child.residentBytes(),
                            heap.totalBytes(), directoryBytes(state), lag(admin, inputs));
                    samples.add(m);
                    histograms.add(heap);
                    synchronized (csvOut) {
                        csvOut.write(String.format(Locale.ROOT, "%.1f,%d,%d,%d,%d,%d%n", m.seconds(), m.produced(),
                                m.residentBytes(), m.liveHeapBytes(), m.storeBytes(), m.lag()));
                        csvOut.flush();
                    }
                    log.printf(Locale.ROOT, "soak: %6.0f s  sent %,12d  rss %,7.1f MB  live heap %,7.1f MB"
                                    + "  store %,7.1f MB  lag %,10d%n", m.seconds(), m.produced(), m.residentBytes() / 1e6,
                            m.liveHeapBytes() / 1e6, m.storeBytes() / 1e6, m.lag());
                } catch (Exception e) {
                    samplerFailure.compareAndSet(null, e);
                }
            };
            long every = s.interval().toMillis();
            sampler.scheduleAtFixedRate(sample, every, every, TimeUnit.MILLISECONDS);
            try {
                produce(stream, bootstrap, s.rate(), produced, perTask, child);
                log.printf("soak: all %,d records sent in %.0f s; waiting for the application to catch up%n",
                        produced.get(), (System.nanoTime() - start) / 1e9);
                awaitCaughtUp(admin, inputs, child, Duration.ofMinutes(10));
                sampler.shutdown();
                sampler.awaitTermination(every + 30_000, TimeUnit.MILLISECONDS);
                sample.run();
            } finally {
                sampler.shutdownNow();
            }
            if (samplerFailure.get() != null) {
                throw new IllegalStateException("a sample failed: " + samplerFailure.get(), samplerFailure.get());
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<String> outputs = new ArrayList<>(spec.tasks().stream().map(TaskSpec::predictionTopic).toList());
        outputs.add(TopicNames.DEAD_LETTER);
        SoakTally tally = SoakTally.read(bootstrap, outputs, s.events());
        Path chart = s.out().resolve("soak.png");
        SoakChart.write(samples, s.interval(), chart);
        List<Map.Entry<String, Long>> growth = heapGrowth(samples, histograms, s);
        return new Result(List.copyOf(samples), s.rate(), s.events(), stream.bad(), perTask, tally.predictions(),
                tally.deadLetters(), tally.missing(), tally.duplicated(), tally.reasons(), seconds, csv, chart, growth);
    }

    /**
     * Writes the live-heap histograms at the end of the warm-up and at the last sample, and returns the
     * ten classes that grew most between them (empty without a warm-up or histograms).
     */
    private static List<Map.Entry<String, Long>> heapGrowth(List<Sample> samples, List<HeapHistogram> histograms,
                                                            Settings s) throws IOException {
        List<Sample> after = SoakSummary.afterWarmUp(samples, s.rate());
        if (after.size() < 2 || histograms.size() != samples.size()) {
            return List.of();
        }
        HeapHistogram start = histograms.get(samples.size() - after.size());
        HeapHistogram end = histograms.get(histograms.size() - 1);
        if (start.totalBytes() < 0 || end.totalBytes() < 0) {
            return List.of();
        }
        Files.writeString(s.out().resolve("heap-start.txt"), start.text());
        Files.writeString(s.out().resolve("heap-end.txt"), end.text());
        return end.grownSince(start, 10);
    }

    /** Input topics must not hold records already: the exactly-once check counts from zero. */
    private static void requireFresh(Admin admin, List<String> inputs, TopologySpec spec) throws Exception {
        var existing = admin.listTopics().names().get();
        List<String> present = inputs.stream().filter(existing::contains).toList();
        if (present.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> ends = endOffsets(admin, present);
        long records = ends.values().stream().mapToLong(Long::longValue).sum();
        if (records > 0) {
            throw new IllegalStateException("the input topics " + present + " of topology '" + spec.name() + "' hold "
                    + records + " records already; run the soak on a fresh broker (leave out --bootstrap) or delete them");
        }
    }

    private static void produce(SoakStream stream, String bootstrap, double rate, AtomicLong produced, long[] perTask,
                                ChildApp child) throws Exception {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * SoakStream.LARGE_BAD_BYTES);
        AtomicReference<Exception> failure = new AtomicReference<>();
        Pacer pacer = new Pacer(rate);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (long n = 0; stream.hasNext(); n++) {
                pacer.await(n);
                SoakStream.Record r = stream.next();
                producer.send(new ProducerRecord<>(r.topic(), r.key(), r.value()), (md, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
                if (r.good()) {
                    perTask[r.task()]++;
                }
                produced.incrementAndGet();
                if ((n & 0xFFFF) == 0) {
                    if (failure.get() != null) {
                        throw new IllegalStateException("a send failed: " + failure.get(), failure.get());
                    }
                    if (!child.alive()) {
                        throw new IllegalStateException("tributary run exited with status " + child.exitStatus()
                                + " after " + n + " records:\n" + child.tail(30));
                    }
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a send failed: " + failure.get(), failure.get());
        }
    }

    /** Waits until the application has joined its group, so that the stream starts when it can be read. */
    private static void awaitJoined(Admin admin, ChildApp child, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                var group = admin.describeConsumerGroups(List.of(APP_ID)).describedGroups().get(APP_ID).get();
                if (group.groupState() == org.apache.kafka.common.GroupState.STABLE && !group.members().isEmpty()) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.GroupIdNotFoundException)) {
                    throw e;
                }
                // not created yet: the application has not reached the coordinator
            }
            if (!child.alive()) {
                throw new IllegalStateException("tributary run exited with status " + child.exitStatus() + ":\n"
                        + child.tail(30));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("tributary run did not join its group within " + timeout + ":\n"
                        + child.tail(30));
            }
            Thread.sleep(250);
        }
    }

    private static void awaitCaughtUp(Admin admin, List<String> inputs, ChildApp child, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (lag(admin, inputs) > 0) {
            if (!child.alive()) {
                throw new IllegalStateException("tributary run exited with status " + child.exitStatus() + ":\n"
                        + child.tail(30));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the application did not catch up within " + timeout + "; lag "
                        + lag(admin, inputs));
            }
            Thread.sleep(500);
        }
    }

    /** Records on the input topics that the application has not committed yet. */
    static long lag(Admin admin, List<String> inputs) throws Exception {
        Map<TopicPartition, Long> ends = endOffsets(admin, inputs);
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(APP_ID)
                .partitionsToOffsetAndMetadata().get();
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            lag += e.getValue() - (c == null ? 0 : c.offset());
        }
        return lag;
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, List<String> topics)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().forEach((name, d) -> d.partitions()
                .forEach(p -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e
                : admin.listOffsets(request).all().get().entrySet()) {
            ends.put(e.getKey(), e.getValue().offset());
        }
        return ends;
    }

    static long directoryBytes(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.mapToLong(f -> {
                try {
                    return Files.isRegularFile(f) ? Files.size(f) : 0;
                } catch (NoSuchFileException gone) {
                    return 0; // RocksDB deleted it (compaction) while we walked
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (UncheckedIOException | IOException e) {
            return -1;
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String fmt(double[] w) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < w.length; i++) {
            b.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.0f", w[i]));
        }
        return b.append(']').toString();
    }
}

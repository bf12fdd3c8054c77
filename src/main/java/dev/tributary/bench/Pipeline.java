package dev.tributary.bench;

import dev.tributary.event.Event;
import dev.tributary.local.EmbeddedKafka;
import dev.tributary.spec.TaskSpec;
import dev.tributary.spec.TopologySpec;
import dev.tributary.streams.ClientSettings;
import dev.tributary.streams.TributaryApp;
import dev.tributary.streams.TributaryConfig;
import dev.tributary.util.Pacer;
import dev.tributary.util.Progress;
import org.apache.kafka.streams.KafkaStreams;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * The pipeline benchmark ({@code tributary bench pipeline}): the whole streaming application against
 * the in-process broker (or an external one), measured end to end. Throughput mode (rate 0): the
 * events are produced first, then the application starts, and the rate is events ÷ (last prediction
 * visible to a {@code read_committed} consumer − the moment the application reached RUNNING). Latency
 * mode (rate R): the application runs first and the events are produced at R events/s, each stamped
 * with its send time as {@code ts}; a prediction's latency is the wall-clock time a
 * {@code read_committed} consumer received it minus that {@code ts} (so under exactly-once it includes
 * the wait for the commit). The report has per-task prequential metrics from the last metrics record,
 * the dead-letter count, and the ratio to the ceiling: Kafka's plain consumer reading the same input
 * topics once, after the application has stopped.
 */
public final class Pipeline {
    private static final Duration STALL = Duration.ofSeconds(60);
    private static final Duration METRICS_WAIT = Duration.ofSeconds(10);

    /**
     * One run's settings.
     *
     * @param spec             the topology (its input topics get a per-run prefix on an external broker)
     * @param bootstrap        an external broker, or null for an in-process one
     * @param events           events in all, one per task per synthetic row
     * @param guarantee        {@code exactly_once_v2} or {@code at_least_once}
     * @param commitIntervalMs {@code commit.interval.ms}, or null for the application's default
     * @param rate             latency mode's events/s; 0 for throughput mode
     * @param warmup           latency mode: predictions left out of the after-warm-up percentiles, or null
     *                         for a tenth of {@code events}
     * @param jitWarmup        warm-up events before the measured ones (0 = none)
     * @param config           extra Kafka Streams / client settings
     * @param quiet            no progress bars or notes on standard error
     */
    public record Settings(TopologySpec spec, String bootstrap, long events, String guarantee, Long commitIntervalMs,
                           double rate, Integer warmup, long jitWarmup, Properties config, boolean quiet) {
        public Settings {
            Objects.requireNonNull(spec, "spec");
            Objects.requireNonNull(config, "config");
            if (events < 1) {
                throw new IllegalArgumentException("--events must be positive, found " + events);
            }
            if (!"exactly_once_v2".equals(guarantee) && !"at_least_once".equals(guarantee)) {
                throw new IllegalArgumentException("--guarantee must be exactly_once_v2 or at_least_once, found '"
                        + guarantee + "'");
            }
            if (!(rate >= 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("--rate must be a finite number >= 0, found " + rate);
            }
            if (commitIntervalMs != null && commitIntervalMs < 1) {
                throw new IllegalArgumentException("--commit-interval must be positive, found " + commitIntervalMs);
            }
            if (jitWarmup < 0) {
                throw new IllegalArgumentException("--jit-warmup must not be negative, found " + jitWarmup);
            }
            if (warmup != null && (warmup < 0 || warmup >= events)) {
                throw new IllegalArgumentException("--warmup must be in [0, --events), found " + warmup);
            }
        }
    }

    private final Settings s;

    private Pipeline(Settings s) {
        this.s = s;
    }

    /** Runs the benchmark once: starts a broker when none is given, and stops everything it started. */
    public static PipelineReport run(Settings settings) throws Exception {
        return new Pipeline(settings).run();
    }

    private PipelineReport run() throws Exception {
        TopologySpec spec = s.spec();
        String runId = "bench-" + Long.toString(System.currentTimeMillis(), 36);
        if (s.bootstrap() != null) {
            spec = spec.withTopicPrefix(runId + ".");
        }
        // Not under the OS temp directory, which Kafka Streams warns may be cleaned under it.
        Files.createDirectories(Path.of(".tributary"));
        Path stateDir = Files.createTempDirectory(Path.of(".tributary"), "bench-state");
        EmbeddedKafka kafka = null;
        try {
            if (s.bootstrap() == null) {
                note("starting an in-process Kafka broker…");
                kafka = EmbeddedKafka.start();
            }
            Properties props = new Properties();
            props.putAll(s.config());
            props.setProperty("bootstrap.servers", s.bootstrap() != null ? s.bootstrap() : kafka.bootstrapServers());
            props.setProperty("application.id", "tributary-" + runId);
            props.setProperty("state.dir", stateDir.toString());
            props.setProperty("processing.guarantee", s.guarantee());
            if (s.commitIntervalMs() != null) {
                props.setProperty("commit.interval.ms", Long.toString(s.commitIntervalMs()));
            }
            long commitMs = Long.parseLong(new TributaryConfig(props).streamsProperties()
                    .getProperty("commit.interval.ms"));
            return run(spec, props, new PipelineReport.Setup(s.bootstrap() != null ? s.bootstrap() : "in-process",
                    s.guarantee(), commitMs, s.rate(), s.jitWarmup()));
        } finally {
            if (kafka != null) {
                kafka.close();
            }
            deleteQuietly(stateDir);
        }
    }

    /**
     * Latency mode's warm-up: runs the whole pipeline once, untimed, at full speed, on {@code n} events
     * of its own (input topics prefixed {@code warmup.}, a throwaway application id), so that the
     * producer, the broker's request path, Kafka Streams, the transactions and the learner are compiled
     * by C2 before the rate-limited run. Predictions go to the same prediction topics; the run's watcher
     * starts at their ends afterwards. (Throughput mode warms up inside its run instead: see {@link #run}.)
     */
    private void warmUp(TopologySpec spec, Properties props, long n) throws Exception {
        if (n == 0) {
            return;
        }
        note("warming up the JIT: the whole pipeline on " + String.format("%,d", n) + " events of its own…");
        TopologySpec warm = spec.withTopicPrefix("warmup.");
        Properties warmProps = new Properties();
        warmProps.putAll(props);
        warmProps.setProperty("application.id", props.getProperty("application.id") + "-warmup");
        TributaryApp app = new TributaryApp(warm, new TributaryConfig(warmProps));
        TributaryApp.Plan plan = app.prepare(true);
        OutputWatcher watcher = new OutputWatcher(ClientSettings.consumer(warmProps), warm.tasks().stream()
                .map(TaskSpec::predictionTopic).toList(), false, n);
        watcher.start();
        try {
            produce(warm, warmProps, 0, n, "warm-up");
            startAndAwaitRunning(app, plan);
            awaitPredictions(app, watcher, n, "warm-up");
        } finally {
            app.close();
            watcher.stop();
        }
    }

    private PipelineReport run(TopologySpec spec, Properties props, PipelineReport.Setup setup) throws Exception {
        boolean latency = s.rate() > 0;
        TributaryApp app = new TributaryApp(spec, new TributaryConfig(props));
        TributaryApp.Plan plan = app.prepare(true);
        // Throughput mode warms up inside the run: the warm-up events go first on the same topics, the
        // application processes them and the clock starts when the last of their predictions is visible.
        // A throwaway application would end its warm-up by shutting down and the run would start a new
        // instance: both take branches the hot code never took, and C2 deoptimises and recompiles it
        // during the run (measured: 12-19 s of compilation in a 35 s run). Latency mode keeps the
        // throwaway run, at full speed, before producing at the rate.
        long inRun = latency ? 0 : s.jitWarmup();
        PipelineReport.Production production = latency ? null : produce(spec, props, 0, inRun + s.events(), "produce");
        if (latency) {
            warmUp(spec, props, s.jitWarmup());
        }
        List<String> inputs = EventSender.topicsOf(spec);
        Map<String, Object> consumer = ClientSettings.consumer(props);
        OutputWatcher watcher = new OutputWatcher(consumer, spec.tasks().stream().map(TaskSpec::predictionTopic)
                .toList(), latency, inRun + s.events());
        watcher.markAt(inRun);
        watcher.start();
        long running;
        CpuClock cpu;
        Map<String, Double> threadTime;
        try {
            running = startAndAwaitRunning(app, plan);
            CpuClock atStart = CpuClock.now();
            if (latency) {
                production = produce(spec, props, s.rate(), s.events(), "produce");
            }
            if (inRun > 0) {
                awaitPredictions(app, watcher, inRun, "warm-up");
                atStart = CpuClock.now();
            }
            awaitPredictions(app, watcher, inRun + s.events(), "predictions");
            cpu = CpuClock.now().since(atStart);
            threadTime = streamThreadTime(app.streams());
            awaitMetrics(watcher, production.perTask());
        } finally {
            app.close();
            watcher.stop();
        }
        // Measured after the application, on a warm JIT and page cache: a generous ceiling.
        note("reading the input once with a plain consumer…");
        ConsumerCeiling ceiling = ConsumerCeiling.measure(consumer, inputs, STALL);
        note("reading the learner's changelog, then restoring a fresh instance from it…");
        CheckpointCost checkpoints = CheckpointCost.measure(spec, props,
                Path.of(props.getProperty("state.dir")).resolve("restore"));
        Map<String, Long> predicted = new LinkedHashMap<>();
        long[] perTask = watcher.perTask();
        for (int i = 0; i < perTask.length; i++) {
            predicted.put(spec.tasks().get(i).name(), perTask[i]);
        }
        int warm = s.warmup() != null ? s.warmup() : (int) Math.min(Integer.MAX_VALUE, s.events() / 10);
        // read once the run is over: the watcher sets them while it goes through the poll that crossed the mark
        long start = inRun > 0 ? watcher.markNanos() : running;
        long measured = inRun + s.events() - (inRun > 0 ? watcher.countAtMark() : 0);
        return new PipelineReport(spec, setup, production, ceiling, predicted, measured,
                watcher.completeNanos() - start, inRun + s.events() - watcher.countAtFirstVisible(),
                watcher.completeNanos() - watcher.firstVisibleNanos(), watcher.deadLetters(), cpu,
                watcher.receiveLatency(), watcher.appendLatency(), warm, watcher.metrics(), threadTime, checkpoints);
    }

    /** The producer's cumulative times (ns) in the parts of an exactly-once commit, as its metrics name them. */
    private static final java.util.Set<String> COMMIT_PARTS = java.util.Set.of("flush-time-ns-total",
            "txn-send-offsets-time-ns-total", "txn-commit-time-ns-total");

    /**
     * Kafka Streams' own account of its stream thread (one thread): the fraction of its time spent in
     * process, commit, poll and punctuate and the mean commit latency (ms), over its metrics window;
     * the commits so far ({@code commit-total}) and the stream thread's producer's cumulative times in
     * a commit's parts (ns; empty under at-least-once but for the flush).
     */
    public static Map<String, Double> streamThreadTime(KafkaStreams streams) {
        Map<String, Double> out = new java.util.TreeMap<>();
        streams.metrics().forEach((name, metric) -> {
            boolean thread = name.group().equals("stream-thread-metrics") && (name.name().endsWith("-ratio")
                    || name.name().equals("commit-latency-avg") || name.name().equals("commit-total"));
            boolean producer = name.group().equals("producer-metrics") && COMMIT_PARTS.contains(name.name());
            if ((thread || producer) && metric.metricValue() instanceof Double d && Double.isFinite(d)) {
                out.merge(name.name(), d, Double::sum);
            }
        });
        return out;
    }

    /** Produces {@code events} events (at {@code rate}/s, or unlimited for 0), each stamped with its send time. */
    private PipelineReport.Production produce(TopologySpec spec, Properties props, double rate, long events,
                                              String label) {
        Map<String, Object> producer = ClientSettings.producer(props);
        // Latency mode: an event waits at most 1 ms in the producer (its ts is stamped before, so that
        // millisecond counts in its latency); without it every event is a request of its own, and the
        // broker sharing these two cores spends more on requests than the application on events.
        producer.putIfAbsent("linger.ms", rate > 0 ? "1" : "5");
        Iterator<Event> source = DemoData.events(spec);
        int min = Integer.MAX_VALUE;
        int max = 0;
        long start = System.nanoTime();
        try (EventSender sender = new EventSender(producer, spec, EventSender.topicsOf(spec));
             Progress progress = new Progress(label, events, s.quiet())) {
            Pacer pacer = new Pacer(rate);
            for (long n = 0; n < events; n++) {
                pacer.await(n);
                Event e = source.next();
                int size = sender.send(asSent(e));
                min = Math.min(min, size);
                max = Math.max(max, size);
                if ((n + 1) % 1000 == 0) {
                    progress.step(1000);
                }
            }
            progress.step(events % 1000);
            sender.flush();
            return new PipelineReport.Production(events, sender.bytes(), min, max, System.nanoTime() - start,
                    sender.acknowledged());
        }
    }

    /** The event as the benchmark sends it: stamped with the send time, features rounded. */
    static Event asSent(Event e) {
        return new Event(e.task(), e.id(), System.currentTimeMillis(), rounded(e.features()), e.label());
    }

    /**
     * Numeric features at 4 decimals, as a sensor or an upstream service would send them: full double
     * precision would make the JSON twice as long as the ~300-byte events the benchmark is about.
     */
    static Map<String, Object> rounded(Map<String, Object> features) {
        Map<String, Object> out = new LinkedHashMap<>(features.size() * 2);
        for (Map.Entry<String, Object> f : features.entrySet()) {
            out.put(f.getKey(), f.getValue() instanceof Double d ? Math.round(d * 1e4) / 1e4 : f.getValue());
        }
        return out;
    }

    /** Starts the application and returns {@link System#nanoTime} when it reached RUNNING. */
    private long startAndAwaitRunning(TributaryApp app, TributaryApp.Plan plan) throws InterruptedException {
        note("starting the application…");
        KafkaStreams streams = app.start(plan, null);
        long deadline = System.nanoTime() + STALL.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            failIfStopped(streams);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the application did not reach RUNNING in " + STALL.toSeconds()
                        + " s; state " + streams.state());
            }
            Thread.sleep(1);
        }
        return System.nanoTime();
    }

    private void awaitPredictions(TributaryApp app, OutputWatcher watcher, long events, String label)
            throws InterruptedException {
        try (Progress progress = new Progress(label, events, s.quiet())) {
            long seen = 0;
            long lastChange = System.nanoTime();
            while (watcher.predictions() < events) {
                failIfStopped(app.streams());
                long now = watcher.predictions();
                if (now != seen) {
                    progress.step(now - seen);
                    seen = now;
                    lastChange = System.nanoTime();
                } else if (System.nanoTime() - lastChange > STALL.toNanos()) {
                    throw new IllegalStateException("no new prediction for " + STALL.toSeconds() + " s; received "
                            + seen + " of " + events);
                }
                Thread.sleep(10);
            }
            progress.step(Math.min(events, watcher.predictions()) - seen);
        }
    }

    /** Waits (bounded) until every task's latest metrics record counts all of that task's events. */
    private static void awaitMetrics(OutputWatcher watcher, Map<String, Long> produced) throws InterruptedException {
        long deadline = System.nanoTime() + METRICS_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            var metrics = watcher.metrics();
            boolean complete = produced.entrySet().stream().allMatch(e -> metrics.containsKey(e.getKey())
                    && metrics.get(e.getKey()).consumed() >= e.getValue());
            if (complete) {
                return;
            }
            Thread.sleep(50);
        }
    }

    private static void failIfStopped(KafkaStreams streams) {
        KafkaStreams.State s = streams.state();
        if (s == KafkaStreams.State.ERROR || s == KafkaStreams.State.PENDING_ERROR
                || s == KafkaStreams.State.NOT_RUNNING || s == KafkaStreams.State.PENDING_SHUTDOWN) {
            throw new IllegalStateException("the application stopped: state " + s + " (see the log above)");
        }
    }

    private void note(String message) {
        if (!s.quiet()) {
            System.err.println("tributary bench pipeline: " + message);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (java.io.IOException ignored) {
            // A temporary directory; the OS cleans up what is left.
        }
    }
}

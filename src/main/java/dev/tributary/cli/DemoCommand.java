package dev.tributary.cli;

import dev.tributary.bench.DemoData;
import dev.tributary.monitor.Dashboard;
import dev.tributary.monitor.MonitorState;
import dev.tributary.monitor.Screen;
import dev.tributary.event.Event;
import dev.tributary.event.EventCodec;
import dev.tributary.spec.SpecLoader;
import dev.tributary.spec.TaskSpec;
import dev.tributary.spec.TopologySpec;
import dev.tributary.local.EmbeddedKafka;
import dev.tributary.streams.TopicNames;
import dev.tributary.streams.TopicReader;
import dev.tributary.streams.TributaryApp;
import dev.tributary.streams.TributaryConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code tributary demo}: the whole system on one machine with nothing installed. Starts a real
 * in-process KRaft broker, creates the topics, produces a multi-task stream at a steady rate, runs
 * the streaming application (one learner replica per partition with {@code --partitions N}), and
 * shows a live per-task view from the metrics topic (and one line per replica) until
 * {@code --events} are learned from or Ctrl-C; then prints a summary and stops everything.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run everything in-process: a Kafka broker, a producer and the learner, with a live view.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--dataset", defaultValue = "synthetic", description = "synthetic (default) or adult.")
    String dataset;

    @Option(names = "--events", defaultValue = "30000", description = "Stop after this many events (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--rate", defaultValue = "3000", description = "Events per second produced (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--partitions", defaultValue = "1", description = "Partitions of each task's topic; more than"
            + " one runs a learner replica per partition (tributary.learners=partitioned) (default: ${DEFAULT-VALUE}).")
    int partitions;

    private final AtomicBoolean stop = new AtomicBoolean();

    @Override
    public Integer call() throws Exception {
        Path topologyFile = switch (dataset) {
            case "synthetic" -> Path.of("topology/synthetic.yaml");
            case "adult" -> Path.of("topology/adult.yaml");
            default -> throw new IllegalArgumentException("--dataset must be synthetic or adult, found '" + dataset + "'");
        };
        if (events < 1 || rate < 1 || partitions < 1) {
            throw new IllegalArgumentException("--events, --rate and --partitions must be positive");
        }
        TopologySpec spec = SpecLoader.load(topologyFile);
        Files.createDirectories(Path.of(".tributary"));
        Path stateDir = Files.createTempDirectory(Path.of(".tributary"), "demo-state");
        System.err.println("tributary demo: starting an in-process Kafka broker…");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            Properties p = new Properties();
            p.put("bootstrap.servers", kafka.bootstrapServers());
            p.put("application.id", "tributary-demo");
            p.put("state.dir", stateDir.toString());
            if (partitions > 1) {
                p.put(TributaryConfig.INPUT_PARTITIONS, Integer.toString(partitions));
                p.put(TributaryConfig.LEARNERS, "partitioned");
            }
            TributaryApp app = new TributaryApp(spec, new TributaryConfig(p));
            app.start();
            Thread hook = new Thread(() -> stop.set(true), "tributary-demo-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            Thread producer = new Thread(() -> produce(spec, kafka.bootstrapServers()), "tributary-demo-producer");
            producer.setDaemon(true);
            producer.start();
            MonitorState seen = watch(spec, kafka.bootstrapServers());
            stop.set(true);
            producer.join(5000);
            app.close();
            printSummary(seen);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the JVM is already exiting.
            }
        } finally {
            deleteQuietly(stateDir);
        }
        return 0;
    }

    private void produce(TopologySpec spec, String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("linger.ms", "5");
        EventCodec codec = new EventCodec();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            Iterator<Event> it = DemoData.events(spec);
            long start = System.nanoTime();
            for (long n = 0; n < events && !stop.get() && it.hasNext(); n++) {
                Event e = it.next();
                String topic = spec.tasks().get(spec.taskIndex(e.task()).orElseThrow()).topic();
                producer.send(new ProducerRecord<>(topic, e.id() == null ? null : e.id().getBytes(StandardCharsets.UTF_8),
                        codec.encode(e)));
                long due = start + (long) ((n + 1) * 1e9 / rate);
                long sleep = due - System.nanoTime();
                if (sleep > 1_000_000) {
                    Thread.sleep(sleep / 1_000_000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Reads the metrics and drift topics and shows the live view (the same table as {@code tributary
     * watch}) every second, until {@code --events} are learned from or Ctrl-C; returns what it saw.
     */
    private MonitorState watch(TopologySpec spec, String bootstrap) {
        MonitorState state = new MonitorState(MonitorState.DEFAULT_HISTORY);
        state.expect(spec.tasks().stream().map(TaskSpec::name).toList());
        try (TopicReader c = new TopicReader(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                List.of(TopicNames.METRICS, TopicNames.DRIFT), "tributary-demo-view");
             Screen screen = new Screen(new PrintStream(System.out, false, StandardCharsets.UTF_8),
                     Screen.stdoutIsTerminal())) {
            c.start(true);
            long nextPrint = System.currentTimeMillis() + 1000;
            while (!stop.get()) {
                c.poll(Duration.ofMillis(200)).forEach(r -> WatchCommand.accept(r, state, null));
                if (System.currentTimeMillis() >= nextPrint) {
                    screen.show(Dashboard.render(state, title(state)));
                    nextPrint += 1000;
                    if (state.consumed() >= events) {
                        break;
                    }
                }
            }
        }
        return state;
    }

    private String title(MonitorState state) {
        double rateNow = state.eventsPerSecond();
        return String.format("%,d / %,d events learned, %s events/s, model version %s", state.consumed(), events,
                Double.isFinite(rateNow) ? String.format("%,.0f", rateNow) : "-",
                state.modelVersion() < 0 ? "0" : Long.toString(state.modelVersion()));
    }

    private static void printSummary(MonitorState state) {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        out.println();
        out.println("summary (prequential: each event scored before the model learned from it)");
        out.print(Dashboard.table(state));
        out.flush();
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (java.io.IOException ignored) {
            // A temporary directory; the OS cleans up what is left.
        }
    }
}

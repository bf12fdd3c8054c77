package dev.tributary.cli;

import dev.tributary.bench.EventSender;
import dev.tributary.streams.ClientSettings;
import dev.tributary.util.Progress;
import dev.tributary.util.Pacer;
import dev.tributary.streams.BrokerProbe;

import dev.tributary.data.DatasetReader;
import dev.tributary.data.SyntheticStream;
import dev.tributary.event.Event;
import dev.tributary.spec.DataFile;
import dev.tributary.spec.SpecLoader;
import dev.tributary.spec.TaskSpec;
import dev.tributary.spec.TopologySpec;
import dev.tributary.streams.TributaryApp;
import dev.tributary.streams.TributaryConfig;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * {@code tributary produce}: loads a CSV/JSONL(.gz) data set into the per-task input topics, mapped by
 * the topology's {@code dataset} section (one event per task whose label the row has), or, for a
 * synthetic topology without {@code --file}, the synthetic stream. Events are written in the wire
 * format keyed by their id, optionally at a steady rate; at the end it prints the events written per
 * task and the bad rows skipped with the first reasons.
 */
@Command(name = "produce", mixinStandardHelpOptions = true,
        description = "Load a CSV/JSONL(.gz) data set (or a synthetic topology's stream) into the per-task topics.")
final class ProduceCommand implements Callable<Integer> {
    private static final int PROGRESS_STEP = 256;

    @Option(names = "--topology", required = true, description = "The topology spec (YAML).")
    Path topology;

    @Option(names = "--file", description = "The data file (default: the spec's dataset.train; a synthetic topology"
            + " without --file produces its generator's stream).")
    Path file;

    @Option(names = "--skip", defaultValue = "0", description = "Leading lines of --file to skip (default: 0).")
    int skip;

    @Mixin
    BrokerOptions broker;

    @Option(names = "--rate", defaultValue = "0", description = "Events per second (default: unlimited).")
    double rate;

    @Option(names = "--limit", description = "Stop after this many events.")
    Long limit;

    @Option(names = "--create-topics", defaultValue = "true", fallbackValue = "true", negatable = true,
            description = "Create missing topics (default: ${DEFAULT-VALUE}).")
    boolean createTopics;

    @Option(names = "--partitions", description = "Partitions of the input topics it creates (default: tributary.input.partitions, 1).")
    Integer partitions;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() {
        validate();
        TopologySpec spec = SpecLoader.load(topology);
        Properties props = broker.load();
        DatasetReader reader = null;
        Iterator<Event> events;
        long expected = -1;
        boolean synthetic = file == null && spec.synthetic() != null;
        if (synthetic) {
            events = new SyntheticStream(spec);
            expected = spec.synthetic().events() * spec.tasks().size();
        } else {
            // Checks the topology against the data (features, positive labels) before anything is sent.
            reader = DatasetReader.open(spec, dataFile(spec));
            events = reader;
        }
        if (limit != null) {
            expected = expected < 0 ? limit : Math.min(limit, expected);
        }
        Map<String, Long> acked;
        long bytes;
        List<String> created;
        long start;
        try {
            BrokerProbe.require(ClientSettings.admin(props));
            created = createTopics ? createTopics(spec, props) : List.of();
            start = System.nanoTime();
        } catch (RuntimeException e) {
            if (reader != null) {
                reader.close();
            }
            throw e;
        }
        try (EventSender sender = new EventSender(ClientSettings.producer(props), spec, EventSender.topicsOf(spec));
             Progress progress = new Progress("produce", expected, quiet)) {
            Pacer pacer = new Pacer(rate);
            long n = 0;
            while ((limit == null || n < limit) && events.hasNext()) {
                pacer.await(n);
                Event e = events.next();
                // The generator numbers its rows 0, 1, …; live events are stamped with the time they are sent.
                sender.send(synthetic ? new Event(e.task(), e.id(), System.currentTimeMillis(), e.features(), e.label()) : e);
                if (++n % PROGRESS_STEP == 0) {
                    progress.step(PROGRESS_STEP);
                }
            }
            progress.step(n % PROGRESS_STEP);
            sender.flush();
            acked = sender.acknowledged();
            bytes = sender.bytes();
        } finally {
            if (reader != null) {
                reader.close();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.print(summary(spec, created, acked, bytes, seconds, reader));
        return 0;
    }

    private void validate() {
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("--rate must be a finite number >= 0 (0 = unlimited), found " + rate);
        }
        if (limit != null && limit < 0) {
            throw new IllegalArgumentException("--limit must not be negative, found " + limit);
        }
        if (skip < 0) {
            throw new IllegalArgumentException("--skip must not be negative, found " + skip);
        }
        if (partitions != null && partitions < 1) {
            throw new IllegalArgumentException("--partitions must be positive, found " + partitions);
        }
    }

    private DataFile dataFile(TopologySpec spec) {
        if (file != null) {
            return new DataFile(file, skip);
        }
        if (spec.dataset() == null || spec.dataset().train() == null) {
            throw new IllegalArgumentException("topology '" + spec.name() + "' names no data file: give --file, or a"
                    + " dataset.train or synthetic section");
        }
        return spec.dataset().train();
    }

    private List<String> createTopics(TopologySpec spec, Properties props) {
        Properties app = new Properties();
        app.putAll(props);
        app.putIfAbsent("application.id", spec.name());
        ConfigFiles.inputPartitions(app, partitions);
        TributaryApp tributary = new TributaryApp(spec, new TributaryConfig(app));
        try (Admin admin = Admin.create(ClientSettings.admin(props))) {
            return tributary.createTopics(admin);
        }
    }

    static String summary(TopologySpec spec, List<String> created, Map<String, Long> acked, long bytes,
                          double seconds, DatasetReader reader) {
        long total = acked.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder sb = new StringBuilder();
        if (!created.isEmpty()) {
            sb.append("created topics ").append(String.join(", ", created)).append('\n');
        }
        sb.append(String.format("produced %,d events (%,.1f MB) in %.2f s (%,.0f events/s)%n", total, bytes / 1e6,
                seconds, total / Math.max(seconds, 1e-9)));
        sb.append(String.format("  %-16s %-28s %10s%n", "task", "topic", "events"));
        for (TaskSpec t : spec.tasks()) {
            sb.append(String.format("  %-16s %-28s %,10d%n", t.name(), t.topic(), acked.get(t.name())));
        }
        if (reader != null) {
            sb.append(String.format("rows read: %,d; bad rows skipped: %,d%n", reader.rows(), reader.badRows()));
            reader.firstErrors().forEach(e -> sb.append("  ").append(e).append('\n'));
            reader.missingLabels().forEach((task, n) -> {
                if (n > 0) {
                    sb.append(String.format("rows without a %s label (no %s event): %,d%n", task, task, n));
                }
            });
        }
        return sb.toString();
    }
}

package dev.tributary.cli;

import dev.tributary.streams.TopicReader;
import dev.tributary.streams.ClientSettings;
import dev.tributary.streams.BrokerProbe;

import dev.tributary.records.MonitorRecords;
import dev.tributary.monitor.RecordFiles;
import dev.tributary.monitor.RecordWriter;
import dev.tributary.monitor.ReportWriter;
import dev.tributary.monitor.Timeline;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * {@code tributary report}: PNG charts of a monitoring stream and an {@code index.html} that shows
 * them, from recordings (JSON Lines, as {@code watch --record} writes them) or from the monitoring
 * topics (every record from the beginning up to the current end). Per task: the main prequential
 * metric over model versions with drift alerts marked, and the gate's weight on each expert; and
 * the task-affinity matrix when there is one. Malformed input lines are counted and named, not fatal.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Charts (PNG) and an index.html of a monitoring stream, from a recording or the topics.")
final class ReportCommand implements Callable<Integer> {
    /** A legal Kafka topic name that does not look like a file name. */
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");
    private static final int ERRORS_SHOWN = 5;

    @Option(names = "--from", paramLabel = "TOPIC|FILE", description = "A recording (JSON Lines, gzip allowed) or a"
            + " topic; repeatable. An existing file is read as a recording. Default with --bootstrap or --config:"
            + " tributary.metrics, tributary.drift and tributary.affinity.")
    List<String> from = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the PNGs and index.html.")
    Path out;

    @Mixin
    BrokerOptions broker;

    @Option(names = "--save-records", paramLabel = "FILE", description = "Also write the records read from topics to"
            + " FILE (JSON Lines, gzip if it ends in .gz).")
    Path saveRecords;

    @Override
    public Integer call() throws Exception {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        List<Path> files = new ArrayList<>();
        List<String> topics = new ArrayList<>();
        boolean fromBroker = broker.given();
        for (String f : from) {
            if (Files.exists(Path.of(f))) {
                files.add(Path.of(f));
            } else if (fromBroker && TOPIC.matcher(f).matches()) {
                topics.add(f);
            } else {
                throw new IllegalArgumentException("--from " + f + ": no such file" + (fromBroker ? ""
                        : "; to read a topic, give --bootstrap HOST:PORT or --config FILE"));
            }
        }
        if (from.isEmpty() && !fromBroker) {
            throw new IllegalArgumentException("nothing to read: give --from FILE (a recording), or --bootstrap"
                    + " HOST:PORT to read the monitoring topics");
        }
        if (saveRecords != null && topics.isEmpty() && !from.isEmpty()) {
            throw new IllegalArgumentException("--save-records saves records read from topics; every --from here is"
                    + " a file, which is a recording already");
        }
        Timeline timeline = new Timeline();
        List<String> sources = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        long[] malformed = {0};
        for (Path file : files) {
            RecordFiles.Result r = RecordFiles.read(file, timeline::accept);
            sources.add(String.format(Locale.ROOT, "%s (%s)", file, records(r.records())));
            malformed[0] += r.malformed();
            errors.addAll(r.errors());
        }
        if (!topics.isEmpty() || from.isEmpty()) {
            sources.add(readTopics(topics.isEmpty() ? TopicReader.MONITORING : topics, !topics.isEmpty(), timeline,
                    malformed, errors));
        }
        String source = String.join(", ", sources);
        List<String> notes = notes(malformed[0], errors);
        notes.forEach(n -> System.err.println("tributary report: " + n));
        if (timeline.isEmpty()) {
            throw new IllegalArgumentException("no monitoring records in " + source
                    + (malformed[0] > 0 ? "; " + notes.get(0) : ""));
        }
        ReportWriter.Written w = ReportWriter.write(timeline, out, source, notes);
        System.out.printf("report of %s: %d chart%s and %s%n", source, w.figures().size(),
                w.figures().size() == 1 ? "" : "s", w.index());
        for (ReportWriter.Figure f : w.figures()) {
            System.out.printf("  %s  %s%n", out.resolve(f.file()), f.title());
        }
        return 0;
    }

    private String readTopics(List<String> topics, boolean explicit, Timeline timeline, long[] malformed,
                              List<String> errors) {
        Properties props = broker.load();
        long[] records = {0};
        BrokerProbe.require(ClientSettings.admin(props));
        try (TopicReader feed = new TopicReader(ClientSettings.consumer(props), topics, "tributary-monitor");
             RecordWriter saver = saveRecords == null ? null : RecordFiles.create(saveRecords)) {
            feed.readToEnd(r -> {
                if (accept(r, timeline, errors)) {
                    records[0]++;
                    if (saver != null) {
                        saver.write(r.value());
                    }
                } else {
                    malformed[0]++;
                }
            });
            List<String> missing = feed.missing();
            if (explicit && !missing.isEmpty()) {
                throw new IllegalArgumentException("no topic " + String.join(", ", missing) + " on " + feed.bootstrap());
            }
            if (missing.size() == topics.size()) {
                throw new IllegalArgumentException("none of the monitoring topics " + topics + " exists on "
                        + feed.bootstrap());
            }
            return String.format(Locale.ROOT, "topics %s on %s (%s)",
                    String.join(", ", topics.stream().filter(t -> !missing.contains(t)).toList()), feed.bootstrap(),
                    records(records[0]));
        }
    }

    private static boolean accept(ConsumerRecord<byte[], byte[]> r, Timeline timeline, List<String> errors) {
        try {
            if (r.value() == null) {
                throw new IllegalArgumentException("no value");
            }
            timeline.accept(MonitorRecords.parse(r.value()));
            return true;
        } catch (IllegalArgumentException e) {
            if (errors.size() < ERRORS_SHOWN * 2) {
                errors.add(r.topic() + "-" + r.partition() + " offset " + r.offset() + ": " + e.getMessage());
            }
            return false;
        }
    }

    private static String records(long n) {
        return String.format(Locale.ROOT, "%,d record%s", n, n == 1 ? "" : "s");
    }

    private static List<String> notes(long malformed, List<String> errors) {
        List<String> notes = new ArrayList<>();
        if (malformed > 0) {
            notes.add(String.format(Locale.ROOT, "%,d malformed record%s skipped%s", malformed,
                    malformed == 1 ? "" : "s", errors.isEmpty() ? "" : ", e.g. " + String.join("; ",
                            errors.subList(0, Math.min(ERRORS_SHOWN, errors.size())))));
        }
        return notes;
    }
}

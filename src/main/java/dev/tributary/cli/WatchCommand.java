package dev.tributary.cli;

import dev.tributary.streams.TopicReader;
import dev.tributary.streams.ClientSettings;
import dev.tributary.streams.BrokerProbe;

import dev.tributary.monitor.Dashboard;
import dev.tributary.records.MonitorRecords;
import dev.tributary.monitor.MonitorState;
import dev.tributary.monitor.RecordFiles;
import dev.tributary.monitor.RecordWriter;
import dev.tributary.monitor.Screen;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.WakeupException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code tributary watch}: a live terminal view of a running application's monitoring topics
 * ({@code tributary.metrics}, {@code tributary.drift}, {@code tributary.affinity}), redrawn in place
 * every {@code --interval-ms}: per task the events consumed and per second, the main prequential
 * metric and its recent trend, loss weight, sampler share, drift alerts and gate shares. Reads
 * without a consumer group. Ctrl-C stops it cleanly (a recording is flushed and closed).
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Live view of the monitoring topics: per-task metrics, event rates, trends, drift alerts,"
                + " gate shares, task affinity.")
final class WatchCommand implements Callable<Integer> {
    @Mixin
    BrokerOptions broker;

    @Option(names = "--from-beginning", description = "Start from the topics' oldest records (default: only new ones).")
    boolean fromBeginning;

    @Option(names = "--interval-ms", defaultValue = "1000", description = "Refresh interval (default: ${DEFAULT-VALUE}).")
    long intervalMs;

    @Option(names = "--plain", description = "Append each view instead of redrawing in place; automatic when standard"
            + " output is not a terminal. Appended views are printed only when records arrived.")
    boolean plain;

    @Option(names = "--once", description = "Read up to the topics' current end, print one view and exit"
            + " (with --from-beginning: the whole history).")
    boolean once;

    @Option(names = "--record", paramLabel = "FILE", description = "Also write every record received to FILE (JSON"
            + " Lines, gzip if it ends in .gz), for tributary report --from FILE.")
    Path record;

    /** How often topics that did not exist yet are looked for again (tests shorten it). */
    long topicRefreshMs = 10_000;

    private final AtomicBoolean stop = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile TopicReader feed;

    @Override
    public Integer call() {
        if (intervalMs < 50) {
            throw new IllegalArgumentException("--interval-ms must be at least 50, found " + intervalMs);
        }
        Properties props = broker.load();
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        MonitorState state = new MonitorState(MonitorState.DEFAULT_HISTORY);
        Thread hook = new Thread(this::stopAndWait, "tributary-watch-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        long written = 0;
        BrokerProbe.require(ClientSettings.admin(props));
        try (TopicReader f = new TopicReader(ClientSettings.consumer(props), TopicReader.MONITORING, "tributary-monitor");
             Screen screen = new Screen(out, !plain && Screen.stdoutIsTerminal());
             RecordWriter recorder = record == null ? null : RecordFiles.create(record)) {
            feed = f;
            loop(f, state, screen, recorder);
            written = recorder == null ? 0 : recorder.written();
        } finally {
            feed = null;
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the JVM is already exiting and the hook is what stopped the loop.
            }
        }
        System.err.printf("tributary watch: %,d records read%s%n", state.records(),
                record == null ? "" : String.format(", %,d recorded to %s", written, record));
        return 0;
    }

    private void loop(TopicReader f, MonitorState state, Screen screen, RecordWriter recorder) {
        long nextFrame = System.currentTimeMillis() + intervalMs;
        long nextRefresh = System.currentTimeMillis() + topicRefreshMs;
        long shown = -1;
        try {
            f.start(fromBeginning);
            while (!stop.get()) {
                for (ConsumerRecord<byte[], byte[]> r : f.poll(Duration.ofMillis(Math.min(200, intervalMs)))) {
                    accept(r, state, recorder);
                }
                boolean done = once && f.caughtUp();
                long now = System.currentTimeMillis();
                if (done || (!once && now >= nextFrame)) {
                    if (done || screen.inPlace() || state.records() != shown) {
                        screen.show(frame(f, state));
                        shown = state.records();
                    }
                    if (recorder != null) {
                        recorder.flush();
                    }
                    nextFrame = now + intervalMs;
                }
                if (done) {
                    return;
                }
                if (now >= nextRefresh) {
                    f.refreshTopics();
                    nextRefresh = now + topicRefreshMs;
                }
            }
        } catch (WakeupException stopping) {
            // stop() interrupted a call to the broker.
        }
    }

    static void accept(ConsumerRecord<byte[], byte[]> r, MonitorState state, RecordWriter recorder) {
        if (r.value() == null) {
            state.malformed(where(r) + ": no value");
            return;
        }
        try {
            state.accept(MonitorRecords.parse(r.value()));
        } catch (IllegalArgumentException e) {
            state.malformed(where(r) + ": " + e.getMessage());
            return;
        }
        if (recorder != null) {
            recorder.write(r.value());
        }
    }

    private static String where(ConsumerRecord<?, ?> r) {
        return r.topic() + "-" + r.partition() + " offset " + r.offset();
    }

    private static String frame(TopicReader f, MonitorState state) {
        List<String> missing = f.missing();
        String title = "tributary watch · " + f.bootstrap() + " · " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS)
                + (missing.isEmpty() ? "" : " · no topic " + String.join(", ", missing) + " yet") + "\n"
                + Dashboard.summary(state);
        return Dashboard.render(state, state.records() == 0 ? title + "\nno monitoring records yet" : title);
    }

    /** Stops the loop from another thread; {@link #call} then returns. */
    void stop() {
        stop.set(true);
        TopicReader f = feed;
        if (f != null) {
            try {
                f.wakeup();
            } catch (RuntimeException closing) {
                // The loop is already finishing.
            }
        }
    }

    private void stopAndWait() {
        stop();
        try {
            finished.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.tributary.cli;

import dev.tributary.bench.Pipeline;
import dev.tributary.bench.PipelineReport;
import dev.tributary.spec.SpecLoader;
import dev.tributary.streams.TributaryConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;

/** {@code tributary bench pipeline}: options for {@link Pipeline}, the report printed as text or JSON. */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = "Run the streaming application on a pre-produced (or rate-limited) stream; measure throughput,"
                + " latency and the plain consumer's ceiling.")
final class BenchPipelineCommand implements Callable<Integer> {
    @Option(names = "--bootstrap", description = "An external Kafka (default: an in-process broker). Input topics get a"
            + " per-run prefix there; outputs are counted from their end offsets at the start.")
    String bootstrap;

    @Option(names = "--topology", defaultValue = "topology/bench-m1.yaml",
            description = "The topology (default: ${DEFAULT-VALUE}: M1, 64 inputs, 3 tasks).")
    Path topology;

    @Option(names = "--events", required = true, description = "Events in all (one per task per synthetic row).")
    long events;

    @Option(names = "--guarantee", defaultValue = "exactly_once_v2",
            description = "exactly_once_v2 (default) or at_least_once.")
    String guarantee;

    @Option(names = "--commit-interval", description = "commit.interval.ms (default: the application's for the"
            + " guarantee: 100 under exactly_once_v2, 1000 under at_least_once).")
    Long commitIntervalMs;

    @Option(names = "--rate", defaultValue = "0",
            description = "Latency mode: produce at this many events/s while the application runs (default: throughput"
                    + " mode, events produced first).")
    double rate;

    @Option(names = "--warmup", description = "Latency mode: predictions left out of the after-warm-up percentiles"
            + " (default: a tenth of --events).")
    Integer warmup;

    @Option(names = "--jit-warmup", defaultValue = "1000000", description = "Warm-up events, so that the numbers"
            + " are the long-running service's, not its first minute's (the JIT, the learner, the broker). Throughput"
            + " mode: produced before the measured events and processed by the same application; the clock starts"
            + " when their last prediction is visible. Latency mode: processed at full speed in an untimed throwaway"
            + " run on topics of their own first (default: ${DEFAULT-VALUE}; 0 = none).")
    long jitWarmup;

    @Option(names = "--config", description = "Extra Kafka Streams / client settings (properties file).")
    Path config;

    @Option(names = "--partitions", defaultValue = "1", description = "Partitions of each input topic; more than one"
            + " runs a learner replica per partition (tributary.learners=partitioned) (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--threads", defaultValue = "1", description = "Stream threads (num.stream.threads) (default:"
            + " ${DEFAULT-VALUE}).")
    int threads;

    @Mixin
    JsonOutput output;

    @Option(names = "--quiet", description = "No progress bars.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        Properties extra = config == null ? new Properties() : ConfigFiles.load(config, null);
        if (partitions < 1 || threads < 1) {
            throw new IllegalArgumentException("--partitions and --threads must be at least 1");
        }
        extra.setProperty("num.stream.threads", Integer.toString(threads));
        if (partitions > 1) {
            extra.setProperty(TributaryConfig.INPUT_PARTITIONS, Integer.toString(partitions));
            extra.setProperty(TributaryConfig.LEARNERS, "partitioned");
        }
        PipelineReport report = Pipeline.run(new Pipeline.Settings(SpecLoader.load(topology), bootstrap, events,
                guarantee, commitIntervalMs, rate, warmup, jitWarmup, extra, quiet || output.json));
        output.print(report.asMap(), report.text());
        return 0;
    }
}

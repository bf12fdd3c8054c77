package dev.tributary.cli;

import dev.tributary.bench.Soak;
import dev.tributary.bench.SoakSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code tributary bench soak}: a long run of {@code tributary run} in its own JVM; see {@link Soak}. */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "Runs 'tributary run' in its own JVM on a long stream (skewed task rates, one task silent for"
                + " half the run, bad records mixed in), samples its resident memory, state-store size and consumer"
                + " lag, and checks that every record got exactly one prediction or dead letter. Writes soak.csv and"
                + " soak.png to --out.")
final class BenchSoakCommand implements Callable<Integer> {

    @Option(names = "--topology", defaultValue = "topology/synthetic.yaml",
            description = "A synthetic topology with two or more tasks (default: ${DEFAULT-VALUE}).")
    Path topology;

    @Option(names = "--events", defaultValue = "10000000", description = "Records in all (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--rate", defaultValue = "20000", description = "Records per second (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--interval", defaultValue = "30", description = "Seconds between samples (default: ${DEFAULT-VALUE}).")
    long interval;

    @Option(names = "--bad", defaultValue = "0.001", description = "Share of bad records (default: ${DEFAULT-VALUE}).")
    double bad;

    @Option(names = "--heap", defaultValue = "1g", description = "-Xmx of the application's JVM (default: ${DEFAULT-VALUE}).")
    String heap;

    @Option(names = "--bootstrap", description = "A broker in its own process (default: one in this JVM). Its input"
            + " topics for the topology must be empty.")
    String bootstrap;

    @Option(names = "--out", defaultValue = "target/soak", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (interval < 1) {
            throw new IllegalArgumentException("--interval must be at least 1 second, found " + interval);
        }
        Soak.Result r = Soak.run(new Soak.Settings(topology, bootstrap, events, rate, Duration.ofSeconds(interval), bad,
                heap, out), System.err);
        System.out.print(SoakSummary.text(r));
        return r.exactlyOnce() ? 0 : 1;
    }
}

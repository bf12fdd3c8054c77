package dev.tributary.cli;


import dev.tributary.spec.SpecLoader;
import dev.tributary.spec.TopologySpec;
import dev.tributary.streams.TributaryApp;
import dev.tributary.streams.TributaryConfig;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code tributary run}: the streaming application against a Kafka cluster, until SIGTERM or Ctrl-C,
 * which commits, checkpoints the learner and leaves the group.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the streaming application: learn from every task's topic, publish predictions.")
final class RunCommand implements Callable<Integer> {

    @Option(names = "--topology", required = true, description = "The topology spec (YAML).")
    Path topology;

    @Mixin
    BrokerOptions broker;

    @Option(names = "--create-topics", defaultValue = "true", fallbackValue = "true", negatable = true,
            description = "Create missing topics (default: ${DEFAULT-VALUE}).")
    boolean createTopics;

    @Option(names = "--partitions", description = "Partitions of the input topics it creates (default: tributary.input.partitions, 1).")
    Integer partitions;

    @Override
    public Integer call() throws Exception {
        TopologySpec spec = SpecLoader.load(topology);
        Properties props = broker.load();
        props.putIfAbsent("application.id", spec.name());
        ConfigFiles.inputPartitions(props, partitions);
        TributaryConfig cfg = new TributaryConfig(props);
        TributaryApp app = new TributaryApp(spec, cfg);
        TributaryApp.Plan plan = app.prepare(createTopics);
        CountDownLatch stopped = new CountDownLatch(1);
        KafkaStreams streams = app.start(plan, (now, before) -> {
            if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
                stopped.countDown();
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "tributary-shutdown"));
        System.err.printf("tributary: learning %s from %s (%s); Ctrl-C to stop%n", spec.name(),
                props.getProperty("bootstrap.servers"), plan.partitioned() ? plan.replicas() + " partitioned learners"
                        : "one learner, repartition " + (plan.repartition() ? "on" : "off"));
        stopped.await();
        return streams.state() == KafkaStreams.State.ERROR ? 1 : 0;
    }
}

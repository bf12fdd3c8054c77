package dev.tributary.cli;

import dev.tributary.streams.ClientSettings;
import dev.tributary.streams.BrokerProbe;

import dev.tributary.spec.SpecLoader;
import dev.tributary.spec.TopologySpec;
import dev.tributary.streams.TributaryApp;
import dev.tributary.streams.TributaryConfig;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;

/** {@code tributary topics}: creates the topics a topology needs (inputs, predictions, DLQ, monitoring). */
@Command(name = "topics", mixinStandardHelpOptions = true, description = "Create the topics a topology needs.")
final class TopicsCommand implements Callable<Integer> {

    @Option(names = "--topology", required = true, description = "The topology spec (YAML).")
    Path topology;

    @Mixin
    BrokerOptions broker;

    @Option(names = "--partitions", description = "Partitions of the input topics (default: tributary.input.partitions, 1).")
    Integer partitions;

    @Override
    public Integer call() {
        TopologySpec spec = SpecLoader.load(topology);
        Properties props = broker.load();
        props.putIfAbsent("application.id", spec.name());
        ConfigFiles.inputPartitions(props, partitions);
        TributaryConfig cfg = new TributaryConfig(props);
        BrokerProbe.require(ClientSettings.admin(props));
        try (Admin admin = Admin.create(cfg.streamsProperties())) {
            List<String> created = new TributaryApp(spec, cfg).createTopics(admin);
            System.out.println(created.isEmpty() ? "all topics exist" : "created " + String.join(", ", created));
        }
        return 0;
    }
}

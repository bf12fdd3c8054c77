package dev.tributary.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Volume;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code tributary run} in a container of the Tributary image, with host networking, its state on a
 * named Docker volume (so that a new container can continue from it) and, optionally, a config file
 * of the test's own. {@link #kill()} is {@code docker kill} (SIGKILL: no shutdown hook, no commit);
 * {@link #close()} keeps the container's log under {@code target/it-logs/container} and removes it.
 */
final class TributaryNode implements AutoCloseable {
    static final String TOPOLOGY = "topology/synthetic.yaml";
    /** The progress line of LearnerProcessor#init, with the log's ISO 8601 time stamp in front. */
    private static final Pattern LEARNER_INIT = Pattern.compile(
            "(?m)^(\\S+) INFO +progress - learner (created|restored) at model version (\\d+)");
    private final GenericContainer<?> container;
    private final String name;

    /**
     * @param config the contents of a properties file for {@code --config}, or null for the image's
     *               default {@code config/container.properties}
     */
    TributaryNode(String name, String volume, String bootstrap, String config) throws IOException {
        this.name = name;
        String configPath = config == null ? "config/container.properties" : "/tmp/it.properties";
        List<Bind> binds = new ArrayList<>();
        binds.add(new Bind(volume, new Volume("/var/lib/tributary")));
        if (config != null) {
            // a bind mount, not withCopyToContainer (see ContainerSupport.tributaryImage)
            Path file = ContainerSupport.LOG_DIR.resolve(name + ".properties").toAbsolutePath();
            Files.createDirectories(file.getParent());
            Files.writeString(file, config);
            binds.add(new Bind(file.toString(), new Volume(configPath), AccessMode.ro));
        }
        container = new GenericContainer<>(DockerImageName.parse(ContainerSupport.tributaryImage()))
                .withNetworkMode("host")
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withBinds(binds))
                .withCommand("run", "--topology", TOPOLOGY, "--config", configPath, "--bootstrap", bootstrap)
                // printed by `tributary run` once Kafka Streams has started
                .waitingFor(Wait.forLogMessage(".*tributary: learning .*", 1).withStartupTimeout(Duration.ofMinutes(3)));
    }

    TributaryNode start() {
        container.start();
        return this;
    }

    /** {@code docker kill}: SIGKILL, then waits until the engine reports the container stopped. */
    void kill() throws InterruptedException {
        DockerClient docker = DockerClientFactory.instance().client();
        String id = container.getContainerId();
        docker.killContainerCmd(id).exec();
        while (Boolean.TRUE.equals(docker.inspectContainerCmd(id).exec().getState().getRunning())) {
            Thread.sleep(50);
        }
    }

    String logs() {
        return container.getLogs();
    }

    /** The model versions at which this container's learner was created (0) or restored, in order. */
    List<Long> learnerStarts() {
        List<Long> versions = new ArrayList<>();
        Matcher m = LEARNER_INIT.matcher(logs());
        while (m.find()) {
            versions.add(Long.parseLong(m.group(3)));
        }
        return versions;
    }

    /** When this container's learner was last created or restored (its log's time stamp), or "" if never. */
    String lastLearnerStart() {
        String last = "";
        Matcher m = LEARNER_INIT.matcher(logs());
        while (m.find()) {
            last = m.group(1);
        }
        return last;
    }

    /** How many Kafka Streams state transitions this container has logged. */
    int stateTransitions() {
        return logs().split("State transition from", -1).length - 1;
    }

    /** Waits (up to 3 minutes) until this container's learner has been created or restored: it runs the task. */
    void awaitLearner() throws InterruptedException {
        await(() -> !learnerStarts().isEmpty(), "its learner started");
    }

    /** Waits (up to 3 minutes) until Kafka Streams in this container is RUNNING. */
    void awaitRunning() throws InterruptedException {
        await(this::streamsRunning, "Kafka Streams is RUNNING");
    }

    /** Waits (up to 3 minutes) until {@code condition} holds; fails naming {@code what}, with the log's tail. */
    void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 3 minutes: " + what + "\n" + tail());
            }
            Thread.sleep(200);
        }
    }

    /** The container's health from the image's HEALTHCHECK: starting, healthy or unhealthy. */
    String health() {
        var state = DockerClientFactory.instance().client().inspectContainerCmd(container.getContainerId()).exec()
                .getState();
        return state.getHealth() == null ? "none" : state.getHealth().getStatus();
    }

    /** Whether Kafka Streams in this container has reached RUNNING (its last state transition). */
    boolean streamsRunning() {
        String log = logs();
        int running = log.lastIndexOf("to RUNNING");
        return running >= 0 && running > log.lastIndexOf("to REBALANCING") && running > log.lastIndexOf("to ERROR");
    }

    /** Runs a command in the (running) container; its standard output. */
    String exec(String... command) throws IOException, InterruptedException {
        return container.execInContainer(command).getStdout();
    }

    /** The tail of the log, for failure messages. */
    String tail() {
        String[] lines = logs().split("\n");
        return name + ":\n" + String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 25), lines.length));
    }

    /** The test's properties for {@code tributary run}: Kafka Streams settings over the essentials. */
    static String config(String applicationId, Map<String, String> more) {
        StringBuilder sb = new StringBuilder();
        sb.append("application.id=").append(applicationId).append('\n')
                .append("state.dir=/var/lib/tributary/state\n")
                .append("processing.guarantee=exactly_once_v2\n")
                .append("commit.interval.ms=100\n")
                .append("max.task.idle.ms=0\n")
                // a killed member is noticed after the session timeout (the broker's minimum is 6 s)
                .append("session.timeout.ms=6000\n")
                .append("heartbeat.interval.ms=1000\n");
        more.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        try {
            Files.createDirectories(ContainerSupport.LOG_DIR);
            Files.writeString(ContainerSupport.LOG_DIR.resolve(name + ".log"), logs());
        } catch (RuntimeException e) {
            // the container never started: nothing to keep
        } finally {
            container.stop();
        }
    }
}

package dev.tributary.container;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;

/**
 * A single-node KRaft Kafka in a container of the local broker image ({@code docker/kafka}), with host
 * networking on two free loopback ports. {@link #close()} stops and removes it (and its volume).
 */
final class KafkaNode implements AutoCloseable {
    private final GenericContainer<?> container;
    private final String name;
    private final int port;

    KafkaNode(String name) {
        this.name = name;
        this.port = ContainerSupport.freePort();
        int controller = ContainerSupport.freePort();
        container = new GenericContainer<>(DockerImageName.parse(ContainerSupport.KAFKA_IMAGE))
                .withNetworkMode("host")
                .withEnv("KAFKA_HOST", "127.0.0.1")
                .withEnv("KAFKA_PORT", Integer.toString(port))
                .withEnv("KAFKA_CONTROLLER_PORT", Integer.toString(controller))
                .waitingFor(Wait.forLogMessage(".*Kafka Server started.*", 1)
                        .withStartupTimeout(Duration.ofMinutes(3)));
    }

    KafkaNode start() {
        container.start();
        return this;
    }

    String bootstrap() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() throws IOException {
        try {
            Files.createDirectories(ContainerSupport.LOG_DIR);
            Files.writeString(ContainerSupport.LOG_DIR.resolve(name + ".log"), container.getLogs());
        } catch (RuntimeException e) {
            // the container never started: nothing to keep
        } finally {
            container.stop();
        }
    }
}

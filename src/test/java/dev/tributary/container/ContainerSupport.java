package dev.tributary.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * What the container tests share: whether they can run here, the local images they use, and free
 * loopback ports (every container runs with host networking, DESIGN.md §6).
 *
 * <p>The broker and base images come from {@code docker/build-images.sh}; the Tributary image is built
 * once per test JVM from the freshly packaged {@code target/} by {@code docker/Dockerfile} on that base.
 * Where no Docker engine answers or an image is missing, the tests are skipped with one line on standard
 * error, unless {@code TRIBUTARY_CONTAINER_TESTS=required} (set by {@code .ci/run}), which turns that
 * into a failure.
 */
final class ContainerSupport {
    static final String MODE_ENV = "TRIBUTARY_CONTAINER_TESTS";
    static final String BASE_IMAGE = env("TRIBUTARY_BASE_IMAGE", "tributary-base:bookworm-jre17");
    static final String KAFKA_IMAGE = env("TRIBUTARY_KAFKA_IMAGE", "tributary-kafka:" + AppInfoParser.getVersion());
    /** Built by the tests, kept afterwards so that the next build re-creates only changed layers. */
    static final String TRIBUTARY_IMAGE = "tributary:it";
    /** Where the containers' logs are kept for a look after the build. */
    static final Path LOG_DIR = Path.of("target", "it-logs", "container");
    /** What the Tributary image is built from. */
    private static final List<String> CONTEXT = List.of("target/tributary.jar", "target/lib", "config", "topology",
            "data", "docker/Dockerfile", "docker/tributary", "docker/build-images.sh");
    private static final Set<Integer> PORTS_GIVEN = new HashSet<>();
    private static String unavailable;
    private static boolean announced;
    private static boolean built;

    private ContainerSupport() {
    }

    /** Returns if the container tests can run; skips (or, where they are required, fails) the caller otherwise. */
    static synchronized void assumeReady() {
        if (unavailable == null) {
            unavailable = "skip".equalsIgnoreCase(System.getenv(MODE_ENV)) ? MODE_ENV + "=skip" : whyUnavailable();
        }
        if (unavailable.isEmpty()) {
            return;
        }
        if ("required".equalsIgnoreCase(System.getenv(MODE_ENV))) {
            fail("container tests are required here (" + MODE_ENV + "=required) but " + unavailable);
        }
        if (!announced) {
            announced = true;
            System.err.println("Container tests skipped: " + unavailable + "; docker/build-images.sh makes the images, "
                    + MODE_ENV + "=required turns this into a failure");
        }
        Assumptions.abort(unavailable);
    }

    /** Empty when an engine answers and every image and build input is there, else the reason. */
    private static String whyUnavailable() {
        String socket = unixSocketProblem();
        if (socket != null) {
            return socket;
        }
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            return "no Docker engine answers";
        }
        DockerClient docker = DockerClientFactory.instance().client();
        for (String image : List.of(BASE_IMAGE, KAFKA_IMAGE)) {
            try {
                docker.inspectImageCmd(image).exec();
            } catch (NotFoundException e) {
                return "image " + image + " is missing";
            }
        }
        for (String p : CONTEXT) {
            if (!Files.exists(Path.of(p))) {
                return p + " is missing (mvn package builds it)";
            }
        }
        return "";
    }

    /**
     * Whether the engine's Unix socket ({@code DOCKER_HOST=unix://…}, else {@code /var/run/docker.sock})
     * accepts a connection: null if so, or for another kind of {@code DOCKER_HOST}, else the reason.
     * Checked before Testcontainers is asked, which logs pages when there is no engine at all.
     */
    private static String unixSocketProblem() {
        String host = System.getenv("DOCKER_HOST");
        Path socket;
        if (host == null || host.isBlank()) {
            socket = Path.of("/var/run/docker.sock");
        } else if (host.startsWith("unix://")) {
            socket = Path.of(host.substring("unix://".length()));
        } else {
            return null;
        }
        if (!Files.exists(socket)) {
            return "no Docker engine (" + socket + " does not exist)";
        }
        try {
            SocketChannel.open(UnixDomainSocketAddress.of(socket)).close();
            return null;
        } catch (IOException e) {
            return "no Docker engine answers on " + socket + " (" + e.getMessage() + ")";
        }
    }

    /**
     * The Tributary image, built on the first call from {@code target/} by {@code docker/build-images.sh
     * tributary} ({@code docker/Dockerfile} on the local base); a rebuild re-creates only the layers whose
     * files changed (normally the jar's).
     *
     * <p>Not Testcontainers' {@code ImageFromDockerfile}: its tar code needs commons-compress ≥ 1.22, and this
     * project's class path has 1.20 (see the exclusion in the pom), which rules out every Testcontainers
     * feature that sends a tar archive (image builds, {@code withCopyToContainer}).
     */
    static synchronized String tributaryImage() {
        if (!built) {
            long t0 = System.nanoTime();
            Path log = LOG_DIR.resolve("build-images.log");
            try {
                Files.createDirectories(LOG_DIR);
                ProcessBuilder pb = new ProcessBuilder("bash", "docker/build-images.sh", "tributary")
                        .redirectErrorStream(true).redirectOutput(log.toFile());
                pb.environment().put("TRIBUTARY_BASE_IMAGE", BASE_IMAGE);
                pb.environment().put("TRIBUTARY_IMAGE", TRIBUTARY_IMAGE);
                int status = pb.start().waitFor();
                if (status != 0) {
                    fail("docker/build-images.sh tributary exited with status " + status + ":\n" + Files.readString(log));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not run docker/build-images.sh", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while building " + TRIBUTARY_IMAGE, e);
            }
            built = true;
            System.err.printf("Container tests: built %s in %.1f s%n", TRIBUTARY_IMAGE, (System.nanoTime() - t0) / 1e9);
        }
        return TRIBUTARY_IMAGE;
    }

    /** A loopback port that is free now and was not handed out before in this JVM. */
    static synchronized int freePort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                if (PORTS_GIVEN.add(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not find a free port on 127.0.0.1", e);
            }
        }
        throw new IllegalStateException("no fresh free port on 127.0.0.1 after 100 attempts");
    }

    private static String env(String name, String otherwise) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? otherwise : v;
    }
}

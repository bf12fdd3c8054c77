package dev.tributary.streams;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.UUID;

/**
 * Static group membership (KIP-345) with a {@code group.instance.id} that belongs to the state
 * directory: an instance restarted after a crash rejoins as the member it was and gets its tasks back
 * at once, instead of waiting for the group to expire the dead member ({@code session.timeout.ms},
 * 45 s by default). The id is {@code <application.id>-<random>}, written once to
 * {@code <state.dir>/<application.id>.instance-id} and read back on every start, so two instances
 * with their own state directories never share one. A {@code group.instance.id} the user sets wins.
 *
 * <p>The cost: an instance that dies and does not come back holds its tasks until the session
 * timeout; a standby replica takes over only then. Lower {@code session.timeout.ms} to bound that.
 */
final class StaticMembership {
    private StaticMembership() {
    }

    /** Sets {@code group.instance.id} in {@code props} unless {@code enabled} is false or it is set already. */
    static void apply(Properties props, boolean enabled) {
        String key = StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        if (!enabled || props.containsKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG) || props.containsKey(key)
                || props.containsKey(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG))) {
            return;
        }
        String app = props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        String dir = props.getProperty(StreamsConfig.STATE_DIR_CONFIG,
                Path.of(System.getProperty("java.io.tmpdir"), "kafka-streams").toString());
        props.put(key, instanceId(Path.of(dir), app));
    }

    /** The instance id stored for {@code app} in {@code stateDir}, created on first use. */
    static String instanceId(Path stateDir, String app) {
        Path file = stateDir.resolve(app + ".instance-id");
        try {
            if (Files.isRegularFile(file)) {
                String id = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (!id.isEmpty()) {
                    return id;
                }
            }
            Files.createDirectories(stateDir);
            String id = app + "-" + UUID.randomUUID();
            Path tmp = Files.createTempFile(stateDir, app, ".tmp");
            Files.writeString(tmp, id + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or write the instance id " + file
                    + " (state.dir must be writable)", e);
        }
    }
}

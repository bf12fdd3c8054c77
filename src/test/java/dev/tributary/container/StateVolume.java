package dev.tributary.container;

import com.github.dockerjava.api.exception.NotFoundException;
import org.testcontainers.DockerClientFactory;

/** A named Docker volume for a Tributary container's state; {@link #close()} removes it. */
final class StateVolume implements AutoCloseable {
    private final String name;

    StateVolume(String purpose) {
        this.name = "tributary-it-" + purpose + "-" + Long.toString(System.nanoTime(), 36);
        DockerClientFactory.instance().client().createVolumeCmd().withName(name).exec();
    }

    String name() {
        return name;
    }

    @Override
    public void close() {
        try {
            DockerClientFactory.instance().client().removeVolumeCmd(name).exec();
        } catch (NotFoundException e) {
            // already gone
        }
    }
}

package dev.tributary.cli;

import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The options every command that talks to Kafka shares ({@code @Mixin}): the settings file
 * {@code --config}, {@code --bootstrap} over its {@code bootstrap.servers}, and {@code --strict} for
 * unknown keys in it.
 */
final class BrokerOptions {
    static final Path DEFAULT_CONFIG = Path.of("config/application.properties");

    @Option(names = "--config", description = "Kafka Streams, client and tributary.* settings (default:"
            + " config/application.properties when it exists); a command uses the keys its clients know.")
    Path config;

    @Option(names = "--bootstrap", description = "Override bootstrap.servers.")
    String bootstrap;

    @Option(names = "--strict", description = "Refuse a setting in the config file that no component knows"
            + " (a misspelt key) instead of warning.")
    boolean strict;

    /** Whether the user named a broker or a settings file (not only the defaults). */
    boolean given() {
        return bootstrap != null || config != null;
    }

    /** The settings: {@code --config}, else the default file when it exists, with {@code --bootstrap} over them. */
    Properties load() {
        Path file = config != null ? config : Files.isRegularFile(DEFAULT_CONFIG) ? DEFAULT_CONFIG : null;
        return ConfigFiles.load(file, bootstrap, strict);
    }
}

package dev.tributary.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The options every command that talks to Kafka shares ({@code @Mixin}): {@code --bootstrap} over the
 * settings file's {@code bootstrap.servers}, and {@code --strict} for unknown keys in it.
 */
final class BrokerOptions {
    @Option(names = "--bootstrap", description = "Override bootstrap.servers.")
    String bootstrap;

    @Option(names = "--strict", description = "Refuse a setting in the config file that no component knows"
            + " (a misspelt key) instead of warning.")
    boolean strict;

    /** The settings of {@code config} (may be null: none), with {@code --bootstrap} over them. */
    Properties load(Path config) {
        return ConfigFiles.load(config, bootstrap, strict);
    }
}

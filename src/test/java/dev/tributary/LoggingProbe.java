package dev.tributary;

import dev.tributary.local.EmbeddedKafka;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Run by {@link LoggingConfigTest} in a child JVM that has the main class path (no test resources):
 * reports on standard error which log4j2 configuration is active, logs at INFO and WARN the way the
 * broker does, and with the argument {@code broker} also starts and stops an {@link EmbeddedKafka}.
 * It never writes to standard output, so anything found there came from a library.
 */
public final class LoggingProbe {
    private LoggingProbe() {
    }

    public static void main(String[] args) {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        System.err.println("config=" + context.getConfiguration().getConfigurationSource().getLocation());
        LoggerFactory.getLogger("org.apache.kafka.probe").info("probe-info");
        LoggerFactory.getLogger("kafka.server.probe").info("probe-info");
        LoggerFactory.getLogger("org.apache.kafka.probe").warn("probe-warn");
        if (args.length > 0 && args[0].equals("broker")) {
            try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
                kafka.createTopic("probe", 1, Map.of());
            }
        }
    }
}

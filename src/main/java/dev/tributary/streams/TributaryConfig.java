package dev.tributary.streams;

import dev.tributary.learner.DeltaMerger;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Tributary's own {@code tributary.*} settings (one {@link ConfigDef}: type, default, validator, doc)
 * and the Kafka Streams defaults Tributary runs with. Every other key is passed to Kafka Streams and
 * its clients unchanged; an unknown {@code tributary.*} key fails at start-up, naming it.
 */
public final class TributaryConfig {
    public static final String REPARTITION = "tributary.repartition";
    public static final String MAX_UNKNOWN_FEATURES = "tributary.max.unknown.features";
    public static final String STATIC_MEMBERSHIP = "tributary.static.membership";
    public static final String INPUT_PARTITIONS = "tributary.input.partitions";
    public static final String LEARNERS = "tributary.learners";
    public static final String SYNC_EVERY = "tributary.sync.every.steps";
    public static final String SYNC_MERGE = "tributary.sync.merge";
    public static final String SYNC_MAX_AHEAD = "tributary.sync.max.steps.ahead";
    public static final String ROUND_TIMEOUT = "tributary.sync.round.timeout.ms";
    /** Prefix of topic configs ({@code tributary.input.topic.retention.ms}) for the input topics Tributary creates. */
    public static final String INPUT_TOPIC_PREFIX = "tributary.input.topic.";
    /** Prefix of topic configs for the output topics Tributary creates (predictions, dead letters, monitoring). */
    public static final String OUTPUT_TOPIC_PREFIX = "tributary.output.topic.";
    /**
     * {@code max.message.bytes} of the topics Kafka Streams creates (the repartition topic; the learner's
     * changelog sets its own): a record the input topic took, cut to its prefix when it is larger than
     * the decoder reads, with its headers, must fit the repartition topic.
     */
    static final String INTERNAL_TOPIC_MAX_BYTES = Integer.toString(2 * 1024 * 1024);
    static final ConfigDef DEF = new ConfigDef()
            .define(REPARTITION, ConfigDef.Type.STRING, "auto", ConfigDef.ValidString.in("auto", "always", "never"),
                    ConfigDef.Importance.MEDIUM, "Repartition all events to one partition so that one model learns"
                            + " from all of them: always; never (every input topic must have one partition); or auto"
                            + " (only when some input topic has more than one partition).")
            .define(MAX_UNKNOWN_FEATURES, ConfigDef.Type.INT, 100, ConfigDef.Range.atLeast(0),
                    ConfigDef.Importance.LOW, "An event with more features than this that the topology does not"
                            + " declare goes to the dead-letter topic (a producer sending the wrong schema);"
                            + " fewer are ignored.")
            .define(STATIC_MEMBERSHIP, ConfigDef.Type.BOOLEAN, true, ConfigDef.Importance.MEDIUM, "Give the instance"
                    + " a group.instance.id stored in its state directory (static membership), so that after a crash"
                    + " it rejoins with its tasks at once instead of waiting out session.timeout.ms; false leaves"
                    + " membership dynamic. A group.instance.id set explicitly wins.")
            .define(INPUT_PARTITIONS, ConfigDef.Type.INT, 1, ConfigDef.Range.atLeast(1), ConfigDef.Importance.LOW,
                    "Partitions of the input topics Tributary creates (more than one means the events are"
                            + " repartitioned to the learner, see " + REPARTITION + ", unless " + LEARNERS
                            + "=partitioned).")
            .define(LEARNERS, ConfigDef.Type.STRING, "single", ConfigDef.ValidString.in("single", "partitioned"),
                    ConfigDef.Importance.HIGH, "single: one learner sees every event (through a one-partition"
                            + " repartition topic when the inputs have more). partitioned: one learner replica per"
                            + " input partition, kept one model by periodic averaging through the"
                            + " <application.id>-model-deltas and -model-global topics (docs/replicas.md).")
            .define(SYNC_EVERY, ConfigDef.Type.INT, 4, ConfigDef.Range.atLeast(1), ConfigDef.Importance.MEDIUM,
                    "Partitioned learners: training steps of a replica between the deltas it sends.")
            .define(SYNC_MAX_AHEAD, ConfigDef.Type.INT, null, ConfigDef.Importance.LOW, "Partitioned learners:"
                    + " training steps a replica takes past its waiting delta before it holds its events until the"
                    + " delta is merged (its staleness bound); at least " + SYNC_EVERY + ", default twice it.")
            .define(SYNC_MERGE, ConfigDef.Type.STRING, "sum", ConfigDef.ValidString.in("sum", "mean"),
                    ConfigDef.Importance.LOW, "Partitioned learners: how the aggregator combines a round's deltas"
                            + " (docs/replicas.md).")
            .define(ROUND_TIMEOUT, ConfigDef.Type.LONG, 50L, ConfigDef.Range.atLeast(1), ConfigDef.Importance.LOW,
                    "Partitioned learners: the longest the aggregator keeps a round open (wall-clock ms) waiting"
                            + " for the replicas that have not sent a delta.");

    private final Map<String, Object> values;
    private final Properties streams;
    private final Map<String, String> inputTopicConfigs;
    private final Map<String, String> outputTopicConfigs;

    public TributaryConfig(Properties all) {
        Map<String, Object> own = new HashMap<>();
        Properties rest = new Properties();
        Map<String, String> everyTopic = new TreeMap<>();
        Map<String, String> input = new TreeMap<>();
        Map<String, String> output = new TreeMap<>();
        for (String key : all.stringPropertyNames()) {
            if (key.startsWith(StreamsConfig.TOPIC_PREFIX)) {
                everyTopic.put(key.substring(StreamsConfig.TOPIC_PREFIX.length()), all.getProperty(key));
            }
            if (key.startsWith(INPUT_TOPIC_PREFIX)) {
                input.put(topicConfigName(key, INPUT_TOPIC_PREFIX), all.getProperty(key));
            } else if (key.startsWith(OUTPUT_TOPIC_PREFIX)) {
                output.put(topicConfigName(key, OUTPUT_TOPIC_PREFIX), all.getProperty(key));
            } else if (key.startsWith("tributary.")) {
                if (!DEF.names().contains(key)) {
                    String hint = SettingsCheck.closest(key, DEF.names()).map(c -> "did you mean '" + c + "'? ")
                            .orElse("");
                    throw new ConfigException("unknown setting '" + key + "'; " + hint + "Tributary's settings are "
                            + new java.util.TreeSet<>(DEF.names()) + " and topic configs under " + INPUT_TOPIC_PREFIX
                            + " and " + OUTPUT_TOPIC_PREFIX);
                }
                own.put(key, all.getProperty(key));
            } else {
                rest.put(key, all.getProperty(key));
            }
        }
        this.values = DEF.parse(own);
        this.streams = withDefaults(rest);
        this.inputTopicConfigs = merged(everyTopic, input);
        this.outputTopicConfigs = merged(everyTopic, output);
        replicationFactor(); // fails now, naming the key, if it is not a number
    }

    private static String topicConfigName(String key, String prefix) {
        String name = key.substring(prefix.length());
        if (name.isEmpty()) {
            throw new ConfigException("setting '" + key + "' names no topic config (e.g. " + prefix + "retention.ms)");
        }
        return name;
    }

    private static Map<String, String> merged(Map<String, String> base, Map<String, String> specific) {
        Map<String, String> m = new TreeMap<>(base);
        m.putAll(specific);
        return Collections.unmodifiableMap(m);
    }

    /** auto, always or never. */
    public String repartition() {
        return (String) values.get(REPARTITION);
    }

    /** Whether each input partition has its own learner replica ({@code tributary.learners=partitioned}). */
    public boolean partitioned() {
        return "partitioned".equals(values.get(LEARNERS));
    }

    /** How the replicas sync: steps between deltas, the merge rule, the longest a round stays open. */
    public SyncSettings sync() {
        int every = (Integer) values.get(SYNC_EVERY);
        Integer ahead = (Integer) values.get(SYNC_MAX_AHEAD);
        try {
            return new SyncSettings(every, ahead == null ? 2 * every : ahead,
                    DeltaMerger.Merge.parse((String) values.get(SYNC_MERGE)), (Long) values.get(ROUND_TIMEOUT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(SYNC_MAX_AHEAD, ahead, e.getMessage());
        }
    }

    /** Undeclared features an event may carry before it is dead-lettered. */
    public int maxUnknownFeatures() {
        return (Integer) values.get(MAX_UNKNOWN_FEATURES);
    }

    /** Whether the instance joins with a stable {@code group.instance.id} (see {@link StaticMembership}). */
    public boolean staticMembership() {
        return (Boolean) values.get(STATIC_MEMBERSHIP);
    }

    /** Partitions of the input topics Tributary creates. */
    public int inputPartitions() {
        return (Integer) values.get(INPUT_PARTITIONS);
    }

    /**
     * Replicas of the topics Tributary creates: Kafka Streams' own {@code replication.factor}, the same
     * key that sizes its changelog and repartition topics; empty (-1, the default) means the broker's
     * {@code default.replication.factor}.
     */
    public Optional<Short> replicationFactor() {
        String value = streams.getProperty(StreamsConfig.REPLICATION_FACTOR_CONFIG, "-1").trim();
        short rf;
        try {
            rf = Short.parseShort(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(StreamsConfig.REPLICATION_FACTOR_CONFIG, value, "must be a number of replicas, or -1"
                    + " for the broker's default.replication.factor");
        }
        if (rf == 0 || rf < -1) {
            throw new ConfigException(StreamsConfig.REPLICATION_FACTOR_CONFIG, value, "must be at least 1, or -1 for the"
                    + " broker's default.replication.factor");
        }
        return rf == -1 ? Optional.empty() : Optional.of(rf);
    }

    /**
     * Topic configs the user set for the input topics Tributary creates: {@code topic.<name>} (which
     * Kafka Streams applies to its internal topics too), overridden by {@code tributary.input.topic.<name>}.
     * Tributary's own default {@code topic.max.message.bytes} is not among them.
     */
    public Map<String, String> inputTopicConfigs() {
        return inputTopicConfigs;
    }

    /** As {@link #inputTopicConfigs()}, for the output topics, with {@code tributary.output.topic.<name>}. */
    public Map<String, String> outputTopicConfigs() {
        return outputTopicConfigs;
    }

    /** The Kafka Streams properties: the user's, over Tributary's defaults. */
    public Properties streamsProperties() {
        Properties p = new Properties();
        p.putAll(streams);
        return p;
    }

    private static Properties withDefaults(Properties user) {
        Properties p = new Properties();
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1");
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "0");
        p.put(StreamsConfig.producerPrefix("max.request.size"), Integer.toString(4 * 1024 * 1024));
        // A record too large for its topic is skipped and logged rather than failing the task on every restart;
        // the learner checks sizes before it forwards anything (OutputLimits), so this is the last defence.
        p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, OutputExceptionHandler.class.getName());
        p.put(StreamsConfig.topicPrefix("max.message.bytes"), INTERNAL_TOPIC_MAX_BYTES);
        p.putAll(user);
        boolean exactlyOnce = !StreamsConfig.AT_LEAST_ONCE.equals(p.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        // A commit writes the learner's snapshot. Under exactly-once it is also when predictions become
        // visible, so it is frequent; under at-least-once it only bounds what a crash re-learns, and a
        // ~500 KB snapshot every 100 ms would hold up the predictions of the events behind it.
        p.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, exactlyOnce ? "100" : "1000");
        // Under exactly-once a prediction becomes visible at the commit, so lingering up to 5 ms to fill
        // batches costs nothing; under at-least-once it is visible once appended, so every millisecond
        // of linger is latency (and batches still form while earlier requests are in flight). A plain
        // linger.ms of the user's applies to the producer too and must not be overridden by a prefixed one.
        if (!p.containsKey("linger.ms")) {
            p.putIfAbsent(StreamsConfig.producerPrefix("linger.ms"), exactlyOnce ? "5" : "0");
        }
        for (String required : Set.of(StreamsConfig.APPLICATION_ID_CONFIG, StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)) {
            if (!p.containsKey(required)) {
                throw new ConfigException("missing setting '" + required + "'");
            }
        }
        return p;
    }
}

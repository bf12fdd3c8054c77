package dev.tributary.streams;

import dev.tributary.spec.FeatureSpec;
import dev.tributary.spec.TopologySpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The streaming application of one learning topology: creates the topics it needs, builds the
 * topology, runs Kafka Streams, and closes it gracefully (commit, checkpoint, leave the group).
 * Lifecycle: {@link #prepare} → {@link #start(Plan, KafkaStreams.StateListener)} → {@link #close}, or
 * {@link #start()} for both first steps:
 * <pre>{@code
 * try (TributaryApp app = new TributaryApp(spec, new TributaryConfig(props))) {
 *     app.start();          // creates missing topics, decides the repartition, starts Kafka Streams
 *     ...
 * }                         // commits, checkpoints the learner, leaves the group
 * }</pre>
 */
public final class TributaryApp implements AutoCloseable {
    /** {@code max.message.bytes} of the dead-letter topic it creates. */
    static final String DEAD_LETTER_MAX_BYTES = Integer.toString(2 * 1024 * 1024);
    private final TopologySpec spec;
    private final TributaryConfig config;
    private KafkaStreams streams;
    private final RecoveryLog recovery = new RecoveryLog();

    /**
     * What {@link #prepare} found.
     *
     * @param createdTopics the topics it created
     * @param repartition   whether events pass a single-partition topic to reach the one learner
     * @param replicas      partitioned learners: the replicas (the input topics' partitions); 0 for the
     *                      single learner
     */
    public record Plan(List<String> createdTopics, boolean repartition, int replicas) {
        public Plan {
            createdTopics = List.copyOf(createdTopics);
        }

        public Plan(List<String> createdTopics, boolean repartition) {
            this(createdTopics, repartition, 0);
        }

        /** Whether each input partition has its own learner replica. */
        public boolean partitioned() {
            return replicas > 0;
        }
    }

    public TributaryApp(TopologySpec spec, TributaryConfig config) {
        this.spec = spec;
        this.config = config;
    }

    /**
     * Checks that a broker answers (within {@link BrokerProbe}'s 10 s, naming the address when none
     * does), creates the topics that do not exist yet when {@code createTopics}, and decides from
     * {@code tributary.repartition} and the input topics' partitions whether to repartition.
     */
    public Plan prepare(boolean createTopics) {
        Map<String, Object> adminConfig = ClientSettings.admin(config.streamsProperties());
        BrokerProbe.require(adminConfig);
        try (Admin admin = Admin.create(adminConfig)) {
            List<String> created = new ArrayList<>(createTopics ? createTopics(admin) : List.of());
            if (!config.partitioned()) {
                return new Plan(created, needsRepartition(admin));
            }
            List<String> vocabularies = spec.features().stream().filter(f -> f.vocabulary() != null)
                    .map(FeatureSpec::name).toList();
            if (!vocabularies.isEmpty()) {
                throw new IllegalStateException("tributary.learners=partitioned cannot merge features with a"
                        + " vocabulary " + vocabularies + ": each replica's vocabulary gives its rows to other values;"
                        + " hash them instead (drop 'vocabulary') or use tributary.learners=single");
            }
            if (config.repartition().equals("always")) {
                throw new IllegalStateException("tributary.repartition=always sends every event to one learner,"
                        + " tributary.learners=partitioned gives each input partition its own: choose one");
            }
            int replicas = ModelTopics.coPartitioned(admin, TopicNames.inputs(spec));
            String applicationId = config.streamsProperties().getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
            created.addAll(ModelTopics.ensure(admin, applicationId, replicas, config.replicationFactor(),
                    createTopics));
            return new Plan(created, false, replicas);
        }
    }

    /**
     * Creates the input and output topics that do not exist yet; returns the names created. The inputs
     * get {@code tributary.input.partitions} partitions, the outputs one (one learner writes them in
     * order); every topic gets the configured {@code replication.factor} (the broker's default when -1)
     * and the topic configs of {@link TributaryConfig#inputTopicConfigs()} /
     * {@link TributaryConfig#outputTopicConfigs()}.
     */
    public List<String> createTopics(Admin admin) {
        int inputPartitions = config.inputPartitions();
        Optional<Short> replicas = config.replicationFactor();
        List<NewTopic> wanted = new ArrayList<>();
        for (String t : TopicNames.inputs(spec)) {
            wanted.add(new NewTopic(t, Optional.of(inputPartitions), replicas).configs(config.inputTopicConfigs()));
        }
        for (String t : TopicNames.outputs(spec)) {
            wanted.add(new NewTopic(t, Optional.of(1), replicas).configs(outputTopicConfigs(t)));
        }
        List<String> created = new ArrayList<>();
        for (NewTopic t : wanted) {
            if (ModelTopics.createIfMissing(admin, t)) {
                created.add(t.name());
            }
        }
        return created;
    }

    /** Tributary's defaults for an output topic, under the user's topic configs. */
    private Map<String, String> outputTopicConfigs(String topic) {
        // Outputs are stamped by the broker (LogAppendTime), so their 7-day retention counts from when a
        // prediction was made: replaying last year's events must not produce records deleted at once.
        // The event time stays in each record's "ts" field.
        Map<String, String> configs = new HashMap<>(Map.of(
                "retention.ms", Long.toString(Duration.ofDays(7).toMillis()),
                "message.timestamp.type", "LogAppendTime"));
        if (topic.equals(TopicNames.DEAD_LETTER)) {
            // Room for the largest record the decoder reads (1 MiB), whole, in base64 with its key and headers.
            configs.put("max.message.bytes", DEAD_LETTER_MAX_BYTES);
        }
        configs.putAll(config.outputTopicConfigs());
        return configs;
    }

    /** Whether events must be repartitioned, from the setting and (for auto) the input topics' partition counts. */
    private boolean needsRepartition(Admin admin) {
        return switch (config.repartition()) {
            case "always" -> true;
            case "never" -> {
                int max = maxInputPartitions(admin);
                if (max > 1) {
                    throw new IllegalStateException("tributary.repartition=never, but an input topic has " + max
                            + " partitions: one model needs all events; use auto or always");
                }
                yield false;
            }
            default -> maxInputPartitions(admin) > 1;
        };
    }

    private int maxInputPartitions(Admin admin) {
        return ModelTopics.describe(admin, TopicNames.inputs(spec)).values().stream()
                .mapToInt(t -> t.partitions().size()).max().orElse(1);
    }

    /** {@link #prepare} with topic creation, then {@link #start(Plan, KafkaStreams.StateListener)}. */
    public KafkaStreams start() {
        return start(prepare(true), null);
    }

    /**
     * Builds the topology for the plan and starts Kafka Streams, with a state listener registered first
     * (may be null). Reads the output topics' size limits first ({@link OutputLimits}), and gives the
     * instance its stable {@code group.instance.id} ({@link StaticMembership}).
     */
    public KafkaStreams start(Plan plan, KafkaStreams.StateListener listener) {
        boolean repartition = plan.repartition();
        Properties props = config.streamsProperties();
        StaticMembership.apply(props, config.staticMembership());
        OutputLimits limits;
        try (Admin admin = Admin.create(props)) {
            limits = OutputLimits.read(admin, TopicNames.outputs(spec), props);
        }
        Topology topology = plan.partitioned()
                ? PartitionedTopology.build(spec, props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG),
                plan.replicas(), config.sync(), TributaryTopology.codecFor(spec), config.maxUnknownFeatures(), limits)
                : TributaryTopology.build(spec, repartition, TributaryTopology.codecFor(spec),
                config.maxUnknownFeatures(), limits);
        streams = new KafkaStreams(topology, props);
        if (listener != null) {
            streams.setStateListener(listener);
        }
        streams.setGlobalStateRestoreListener(recovery);
        streams.start();
        return streams;
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** A state restore from the changelog: the store, the records replayed and how long it took. */
    public record Restore(String store, long records, long millis) {
    }

    /** The last restore from the changelog since this application started, if one replayed records. */
    public java.util.Optional<Restore> lastRestore() {
        return java.util.Optional.ofNullable(recovery.last());
    }

    /** Commits, writes the learner checkpoint and leaves the group (a restart need not wait for a timeout). */
    @Override
    public void close() {
        if (streams != null) {
            streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(30)));
            streams = null;
        }
    }
}

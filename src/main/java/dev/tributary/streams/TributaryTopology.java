package dev.tributary.streams;

import dev.tributary.event.EventCodec;
import dev.tributary.event.EventLimits;
import dev.tributary.features.FeatureEncoder;
import dev.tributary.spec.TaskSpec;
import dev.tributary.spec.TopologySpec;
import dev.tributary.state.SnapshotStoreBuilder;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

import java.util.HashMap;
import java.util.Map;

/**
 * Builds the Kafka Streams topology of a learning topology (DESIGN.md §1):
 * <pre>
 *   &lt;task&gt;.events (all tasks) → [tag-task → repartition to 1 partition] → learner (+ learner-state store)
 *        → &lt;task&gt;.predictions | tributary.dlq | tributary.metrics | tributary.drift | tributary.affinity
 * </pre>
 * One model per application: with {@code repartition} every event reaches the single learner however
 * many partitions the input topics have (one extra hop through {@code <app>-learner-input-repartition},
 * keyed by task, the input's own key and origin in headers: {@link TagProcessor}); without it the
 * learner reads the input topics directly, and they must each have exactly one partition (checked at start-up by
 * {@code tributary run}), which saves that hop. Every processor, store and internal topic is named,
 * so {@link Topology#describe()} is stable and pinned in {@code topology/<name>.txt}.
 */
public final class TributaryTopology {
    private TributaryTopology() {
    }

    public static Topology build(TopologySpec spec, boolean repartition) {
        return build(spec, repartition, codecFor(spec), 100, OutputLimits.DEFAULTS);
    }

    /** The event codec of a topology's learner: default limits, features decoded into the spec's slots. */
    public static EventCodec codecFor(TopologySpec spec) {
        return new EventCodec(EventLimits.DEFAULTS, FeatureEncoder.schemaOf(spec.features()));
    }

    /**
     * @param maxUnknownFeatures undeclared features an event may carry before it is dead-lettered
     * @param limits             the largest record each output topic takes
     */
    static Topology build(TopologySpec spec, boolean repartition, EventCodec codec, int maxUnknownFeatures,
                          OutputLimits limits) {
        Map<String, String> taskOfTopic = new HashMap<>();
        for (TaskSpec t : spec.tasks()) {
            taskOfTopic.put(t.topic(), t.name());
        }
        StreamsBuilder builder = new StreamsBuilder();
        KStream<byte[], byte[]> events = builder.stream(TopicNames.inputs(spec),
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("events"));
        KStream<byte[], byte[]> toLearner = events;
        if (repartition) {
            int maxRecordBytes = codec.limits().maxRecordBytes();
            toLearner = events.process(() -> new TagProcessor(taskOfTopic, maxRecordBytes), Named.as("tag-task"))
                    .repartition(Repartitioned.<byte[], byte[]>as("learner-input")
                            .withKeySerde(Serdes.ByteArray()).withValueSerde(Serdes.ByteArray())
                            .withNumberOfPartitions(1));
        }
        builder.addStateStore(new SnapshotStoreBuilder(TopicNames.LEARNER_STORE));
        KStream<byte[], Output> outputs = toLearner.process(
                () -> new LearnerProcessor(spec, codec, maxUnknownFeatures, repartition, limits),
                Named.as("learner"), TopicNames.LEARNER_STORE);
        outputs.to(new DestinationExtractor(), Produced.with(Serdes.ByteArray(), Output.SERDE).withName("outputs"));
        return builder.build();
    }
}

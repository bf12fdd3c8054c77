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
 *   &lt;task&gt;.events (all tasks) → tag-task → [repartition to 1 partition] → learner (+ learner-state store)
 *        → &lt;task&gt;.predictions | tributary.dlq
 * </pre>
 * One model per application: with {@code repartition} every event reaches the single learner however
 * many partitions the input topics have (one extra hop through {@code <app>-learner-input-repartition});
 * without it the input topics must each have exactly one partition (checked at start-up by
 * {@code tributary run}), which saves that hop. Every processor, store and internal topic is named,
 * so {@link Topology#describe()} is stable and pinned in {@code topology/<name>.txt}.
 */
public final class TributaryTopology {
    private TributaryTopology() {
    }

    public static Topology build(TopologySpec spec, boolean repartition) {
        return build(spec, repartition, codecFor(spec), 100);
    }

    /** The event codec of a topology's learner: default limits, features decoded into the spec's slots. */
    public static EventCodec codecFor(TopologySpec spec) {
        return new EventCodec(EventLimits.DEFAULTS, FeatureEncoder.schemaOf(spec.features()));
    }

    /**
     * @param maxUnknownFeatures undeclared features an event may carry before it is dead-lettered
     */
    public static Topology build(TopologySpec spec, boolean repartition, EventCodec codec, int maxUnknownFeatures) {
        Map<String, String> taskOfTopic = new HashMap<>();
        for (TaskSpec t : spec.tasks()) {
            taskOfTopic.put(t.topic(), t.name());
        }
        StreamsBuilder builder = new StreamsBuilder();
        KStream<byte[], byte[]> events = builder.stream(TopicNames.inputs(spec),
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("events"));
        KStream<String, byte[]> tagged = events.process(() -> new TagProcessor(taskOfTopic, repartition),
                Named.as("tag-task"));
        if (repartition) {
            tagged = tagged.repartition(Repartitioned.<String, byte[]>as("learner-input")
                    .withKeySerde(Serdes.String()).withValueSerde(Serdes.ByteArray()).withNumberOfPartitions(1));
        }
        builder.addStateStore(new SnapshotStoreBuilder(TopicNames.LEARNER_STORE));
        KStream<String, Output> outputs = tagged.process(() -> new LearnerProcessor(spec, codec, maxUnknownFeatures),
                Named.as("learner"), TopicNames.LEARNER_STORE);
        outputs.to(new DestinationExtractor(), Produced.with(Serdes.String(), Output.SERDE).withName("outputs"));
        return builder.build();
    }
}

package dev.tributary.streams;

import dev.tributary.event.EventCodec;
import dev.tributary.spec.TopologySpec;
import dev.tributary.state.SnapshotStoreBuilder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.TimestampExtractor;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The Kafka Streams topology of partitioned learners (docs/replicas.md):
 * <pre>
 *   &lt;task&gt;.events (P partitions each) + &lt;app&gt;-model-global (P) → replica (+ learner-state store)
 *        → &lt;task&gt;.predictions | tributary.dlq | tributary.metrics | tributary.drift | tributary.affinity
 *        | &lt;app&gt;-model-deltas (1 partition)
 *   &lt;app&gt;-model-deltas → aggregator (+ aggregator-state store) → &lt;app&gt;-model-global, every partition
 * </pre>
 * Partition {@code i} of every input topic and of the global topic form stream task {@code 0_i}, whose
 * replica {@code i} scores and learns from the events of partition {@code i} and merges every global
 * update; the aggregator is the one task {@code 1_0}. Every record between them is an ordinary input
 * or output of a stream task, so it commits in that task's transaction (a GlobalKTable's updates would
 * not). The input topics must be co-partitioned (the same number of partitions), which {@code
 * TributaryApp} checks before it starts.
 */
public final class PartitionedTopology {
    private PartitionedTopology() {
    }

    /**
     * @param applicationId names the model topics ({@link TopicNames#deltas}, {@link TopicNames#global})
     * @param partitions    the partitions of every input topic: the replicas
     */
    public static Topology build(TopologySpec spec, String applicationId, int partitions, SyncSettings settings) {
        return build(spec, applicationId, partitions, settings, TributaryTopology.codecFor(spec), 100,
                OutputLimits.DEFAULTS);
    }

    static Topology build(TopologySpec spec, String applicationId, int partitions, SyncSettings settings,
                          EventCodec codec, int maxUnknownFeatures, OutputLimits limits) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, found " + partitions);
        }
        ReplicaTopics topics = ReplicaTopics.of(applicationId, settings);
        StreamsBuilder builder = new StreamsBuilder();
        Consumed<byte[], byte[]> bytes = Consumed.with(Serdes.ByteArray(), Serdes.ByteArray());
        KStream<byte[], byte[]> events = builder.stream(TopicNames.inputs(spec), bytes.withName("events"));
        KStream<byte[], byte[]> updates = builder.stream(topics.global(), bytes.withName("global-updates")
                .withOffsetResetPolicy(AutoOffsetReset.earliest()).withTimestampExtractor(new UpdatesFirst()));
        builder.addStateStore(new SnapshotStoreBuilder(TopicNames.LEARNER_STORE));
        KStream<byte[], Output> outputs = events.merge(updates, Named.as("events-and-updates")).process(
                () -> new LearnerProcessor(spec, codec, maxUnknownFeatures, false, limits, topics),
                Named.as("replica"), TopicNames.LEARNER_STORE);
        outputs.to(new DestinationExtractor(), Produced.with(Serdes.ByteArray(), Output.SERDE).withName("outputs"));

        builder.addStateStore(new SnapshotStoreBuilder(TopicNames.AGGREGATOR_STORE));
        builder.stream(topics.deltas(), bytes.withName("deltas").withOffsetResetPolicy(AutoOffsetReset.earliest()))
                .process(() -> new AggregatorProcessor(spec, partitions, settings, topics.global()),
                        Named.as("aggregator"), TopicNames.AGGREGATOR_STORE)
                .to(new DestinationExtractor(), Produced.with(Serdes.ByteArray(), Output.SERDE)
                        .withStreamPartitioner(new EveryPartition(topics.global())).withName("updates"));
        return builder.build();
    }

    /**
     * Gives the global topic's records the time 0, so that a task takes a waiting update before any of
     * its buffered events (Kafka Streams takes a task's records in timestamp order): a replica that
     * waits for its update would otherwise get it only after up to {@code buffered.records.per.partition}
     * events per input partition. The records keep their broker time on the topic (its retention).
     */
    static final class UpdatesFirst implements TimestampExtractor {
        @Override
        public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
            return 0;
        }
    }

    /** Sends each record of the global topic to all of its partitions; the aggregator's metrics as usual. */
    static final class EveryPartition implements StreamPartitioner<byte[], Output> {
        private final String global;

        EveryPartition(String global) {
            this.global = global;
        }

        @Override
        public Optional<Set<Integer>> partitions(String topic, byte[] key, Output value, int numPartitions) {
            if (!topic.equals(global)) {
                return Optional.empty();
            }
            return Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toUnmodifiableSet()));
        }

        @Override
        public String toString() {
            return "every partition of " + global;
        }
    }
}

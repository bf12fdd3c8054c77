package dev.tributary.streams;

import org.apache.kafka.streams.processor.RecordContext;
import org.apache.kafka.streams.processor.TopicNameExtractor;

/** Routes each learner output to the topic it names ({@link Output#topic()}). */
final class DestinationExtractor implements TopicNameExtractor<byte[], Output> {

    @Override
    public String extract(byte[] key, Output value, RecordContext context) {
        return value.topic();
    }

    /** Stable, so that {@code Topology#describe()} can be pinned. */
    @Override
    public String toString() {
        return "output topic";
    }
}

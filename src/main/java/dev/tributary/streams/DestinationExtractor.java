package dev.tributary.streams;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.RecordContext;
import org.apache.kafka.streams.processor.TopicNameExtractor;

import java.nio.charset.StandardCharsets;

/** Routes each output record to the topic its {@link LearnerProcessor#DESTINATION} header names. */
final class DestinationExtractor implements TopicNameExtractor<String, byte[]> {

    @Override
    public String extract(String key, byte[] value, RecordContext context) {
        Header header = context.headers().lastHeader(LearnerProcessor.DESTINATION);
        if (header == null) {
            throw new IllegalStateException("an output record has no " + LearnerProcessor.DESTINATION + " header");
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Stable, so that {@code Topology#describe()} can be pinned. */
    @Override
    public String toString() {
        return "header " + LearnerProcessor.DESTINATION;
    }
}

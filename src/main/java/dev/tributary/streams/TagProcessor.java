package dev.tributary.streams;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * First hop: keys each raw input record by its task (from the topic it came from). Before the
 * single-partition repartition it also records where the record came from in a header, so that a
 * dead letter can still name the original topic, partition and offset; without a repartition the
 * learner reads those from the record's own metadata. The value (the raw bytes) is not parsed here.
 */
final class TagProcessor implements Processor<byte[], byte[], String, byte[]> {
    /** Header holding {@code topic/partition/offset} of the original record. */
    static final String ORIGIN = "tributary.origin";
    private final Map<String, String> taskOfTopic;
    private final boolean repartition;
    private ProcessorContext<String, byte[]> context;

    TagProcessor(Map<String, String> taskOfTopic, boolean repartition) {
        this.taskOfTopic = taskOfTopic;
        this.repartition = repartition;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata meta = context.recordMetadata().orElseThrow();
        String task = taskOfTopic.get(meta.topic());
        Headers headers = record.headers();
        if (repartition) {
            headers.remove(ORIGIN);
            headers.add(ORIGIN, (meta.topic() + "/" + meta.partition() + "/" + meta.offset())
                    .getBytes(StandardCharsets.UTF_8));
        }
        context.forward(record.withKey(task).withHeaders(headers));
    }
}

package dev.tributary.streams;

import dev.tributary.records.DeadLetter;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * The hop before the single-partition repartition: keys each raw input record by its task (from the
 * topic it came from) and records in headers what the learner would otherwise lose on the way: where
 * the record came from ({@link #ORIGIN}, so that a dead letter can name the original topic, partition
 * and offset) and its own key ({@link #KEY}, the prediction's key). A value larger than the decoder
 * accepts is cut to {@link DeadLetter#OVERSIZED_PREFIX_BYTES} here, with its size and SHA-256 in
 * {@link #OVERSIZED} ({@code valueSize/keySize/sha256}; a key longer than the prefix is cut too), so that the repartition topic takes any record the input topic took; the
 * learner dead-letters it from those. The value is not parsed here. Without a repartition there is no
 * such hop: the learner reads the same from the record itself.
 */
final class TagProcessor implements Processor<byte[], byte[], byte[], byte[]> {
    /** Header holding {@code topic/partition/offset} of the original record. */
    static final String ORIGIN = "tributary.origin";
    /** Header holding the original record's key (absent when it had none). */
    static final String KEY = "tributary.key";
    /**
     * Header holding {@code valueSize/keySize/sha256 of the value/headersDropped} of a record that was
     * cut to its prefix (its headers are dropped when they alone exceed {@link #MAX_HEADER_BYTES}).
     */
    static final String OVERSIZED = "tributary.oversized";
    private final Map<String, byte[]> taskOfTopic;
    private final int maxRecordBytes;
    private ProcessorContext<byte[], byte[]> context;

    /**
     * @param taskOfTopic    each input topic's task
     * @param maxRecordBytes the decoder's record limit: larger values are cut to their prefix
     */
    TagProcessor(Map<String, String> taskOfTopic, int maxRecordBytes) {
        this.taskOfTopic = new java.util.HashMap<>();
        taskOfTopic.forEach((topic, task) -> this.taskOfTopic.put(topic, task.getBytes(StandardCharsets.UTF_8)));
        this.maxRecordBytes = maxRecordBytes;
    }

    /** The most bytes of headers an input record may carry before it is dead-lettered unread (as OVERSIZED). */
    static final int MAX_HEADER_BYTES = 64 * 1024;

    /** The bytes of all header keys and values. */
    static long headerBytes(Headers headers) {
        long n = 0;
        for (org.apache.kafka.common.header.Header h : headers) {
            n += h.key().length() + (h.value() == null ? 0 : h.value().length);
        }
        return n;
    }

    /** Whether key and value together exceed the decoder's limit: the record is dead-lettered unread. */
    static boolean oversized(byte[] key, byte[] value, int maxRecordBytes) {
        return (long) (key == null ? 0 : key.length) + (value == null ? 0 : value.length) > maxRecordBytes;
    }

    /** The first {@link DeadLetter#OVERSIZED_PREFIX_BYTES} bytes (all of a shorter array; null stays null). */
    private static byte[] prefix(byte[] bytes) {
        return bytes == null || bytes.length <= DeadLetter.OVERSIZED_PREFIX_BYTES ? bytes
                : Arrays.copyOf(bytes, DeadLetter.OVERSIZED_PREFIX_BYTES);
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata meta = context.recordMetadata().orElseThrow();
        Headers headers = record.headers();
        headers.remove(ORIGIN).remove(KEY).remove(OVERSIZED);
        boolean hugeHeaders = headerBytes(headers) > MAX_HEADER_BYTES;
        if (hugeHeaders) {
            for (Header h : headers.toArray()) {
                headers.remove(h.key());
            }
        }
        headers.add(ORIGIN, (meta.topic() + "/" + meta.partition() + "/" + meta.offset())
                .getBytes(StandardCharsets.UTF_8));
        byte[] key = record.key();
        byte[] value = record.value();
        if (hugeHeaders || oversized(key, value, maxRecordBytes)) {
            int size = value == null ? 0 : value.length;
            headers.add(OVERSIZED, (size + "/" + (key == null ? 0 : key.length) + "/" + DeadLetter.sha256(value)
                    + "/" + hugeHeaders)
                    .getBytes(StandardCharsets.UTF_8));
            value = prefix(value);
            key = prefix(key);
        }
        if (key != null) {
            headers.add(KEY, key);
        }
        context.forward(new Record<>(taskOfTopic.get(meta.topic()), value, record.timestamp(), headers));
    }
}

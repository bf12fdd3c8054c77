package dev.tributary.streams;

import dev.tributary.records.DeadLetter;
import dev.tributary.event.DeadLetterReason;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a refused input record, as the learner received it, into its dead letter's key and value,
 * whatever the record's size: the original is kept whole when it fits the dead-letter topic
 * ({@link OutputLimits}), else cut to a prefix (its size and SHA-256 still describe the whole); the
 * record's own key and headers go with it, less the ones Tributary added on the way
 * ({@link TagProcessor}).
 */
final class DeadLetters {
    private final OutputLimits limits;
    private final ProcessorContext<byte[], Output> context;

    DeadLetters(OutputLimits limits, ProcessorContext<byte[], Output> context) {
        this.limits = limits;
        this.context = context;
    }

    /**
     * The dead letter of {@code record} (a record of {@code task} that reached the learner; its key is
     * {@code key}, the input record's own), encoded to fit the dead-letter topic: the Kafka key (the
     * input's key, or null when it would take over a quarter of the room) and the JSON value.
     */
    KeyValue<byte[], byte[]> encode(Record<byte[], byte[]> record, String task, byte[] key, DeadLetterReason reason, String message) {
        String[] where = origin(record);
        List<DeadLetter.Header> headers = headersOf(record.headers());
        Header cut = record.headers().lastHeader(TagProcessor.OVERSIZED);
        DeadLetter letter;
        if (cut != null) {
            // Cut by the tag hop before the repartition: the size and digest describe the whole value.
            String[] sizeKeySha = new String(cut.value(), StandardCharsets.UTF_8).split("/");
            letter = new DeadLetter(task, where[0], Integer.parseInt(where[1]), Long.parseLong(where[2]), key, headers,
                    reason.name(), message, record.value(), Long.parseLong(sizeKeySha[0]),
                    "null".equals(sizeKeySha[2]) ? null : sizeKeySha[2], record.timestamp());
        } else {
            int keep = reason == DeadLetterReason.OVERSIZED ? DeadLetter.OVERSIZED_PREFIX_BYTES : Integer.MAX_VALUE;
            letter = DeadLetter.of(task, where[0], Integer.parseInt(where[1]), Long.parseLong(where[2]), key, headers,
                    reason, message, record.value(), keep, record.timestamp());
        }
        int max = limits.maxBytes(TopicNames.DEAD_LETTER);
        byte[] recordKey = key != null && key.length <= max / 4 ? key : null;
        byte[] value = DeadLetter.toJson(letter, max - (recordKey == null ? 0 : recordKey.length));
        return KeyValue.pair(recordKey, value);
    }

    /** The record's headers less Tributary's own; none when they exceed {@link TagProcessor#MAX_HEADER_BYTES}. */
    private static List<DeadLetter.Header> headersOf(Headers headers) {
        List<DeadLetter.Header> out = new ArrayList<>();
        long bytes = 0;
        for (Header h : headers) {
            if (!h.key().startsWith("tributary.")) {
                out.add(new DeadLetter.Header(h.key(), h.value()));
                bytes += h.key().length() + (h.value() == null ? 0 : h.value().length);
            }
        }
        return bytes > TagProcessor.MAX_HEADER_BYTES ? List.of() : out;
    }

    /** Topic, partition and offset of the original input record: from the tag's header after a repartition. */
    private String[] origin(Record<byte[], byte[]> record) {
        Header origin = record.headers().lastHeader(TagProcessor.ORIGIN);
        if (origin != null) {
            return new String(origin.value(), StandardCharsets.UTF_8).split("/");
        }
        return context.recordMetadata().map(m -> new String[]{m.topic(), Integer.toString(m.partition()),
                Long.toString(m.offset())}).orElse(new String[]{"?", "-1", "-1"});
    }
}

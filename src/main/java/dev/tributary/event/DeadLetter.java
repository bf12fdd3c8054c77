package dev.tributary.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A refused input record as it goes to the dead-letter topic (DESIGN.md §2: bad input is never
 * silently dropped): where it came from, why it was refused, and its original bytes, exactly. JSON:
 * <pre>{"type":"dead_letter","task":"income","topic":"income.events","partition":0,"offset":42,
 *  "reason":"NON_FINITE","message":"feature 'f3' is not a finite number: 1e999",
 *  "original":"eyJmZWF0dXJlcyI6...","ts":1763884800000}</pre>
 * {@code original} is the record value in standard base64, so that any bytes (invalid UTF-8 too)
 * survive; it is {@code null} for a tombstone. {@code reason} is a {@link DecodeError} name for
 * decoding failures; later stages (for example the learner's check against the spec) use their own
 * codes. {@code ts} is the input record's timestamp, not the time of refusal, so that re-processing
 * the same input yields the same dead letter.
 *
 * <p>{@link #fromJson} is a tolerant reader: it requires every field above but ignores fields it
 * does not know, so that later versions may add some.
 *
 * @param task      the task whose topic the record came from
 * @param topic     the topic the record came from
 * @param partition its partition, or -1 when unknown
 * @param offset    its offset, or -1 when unknown
 * @param reason    short machine-friendly code, e.g. a {@link DecodeError} name
 * @param message   what was wrong, for people
 * @param original  the record value exactly as received, or {@code null} for a tombstone
 * @param timestamp the record timestamp, epoch milliseconds
 */
public record DeadLetter(String task, String topic, int partition, long offset, String reason, String message,
                         byte[] original, long timestamp) {
    /** The value of the {@code type} field that marks dead-letter records among monitoring records. */
    public static final String TYPE = "dead_letter";

    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(JSON);

    public DeadLetter {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("reason must not be blank");
        }
        if (partition < -1) {
            throw new IllegalArgumentException("partition must be >= -1 (-1 = unknown), found " + partition);
        }
        if (offset < -1) {
            throw new IllegalArgumentException("offset must be >= -1 (-1 = unknown), found " + offset);
        }
        original = original == null ? null : original.clone();
    }

    /** The dead letter for a record that {@link EventCodec#decode} refused. */
    public static DeadLetter of(EventDecodeException refusal, String task, String topic, int partition, long offset,
                                byte[] original, long timestamp) {
        Objects.requireNonNull(refusal, "refusal");
        return new DeadLetter(task, topic, partition, offset, refusal.reason().name(), refusal.getMessage(),
                original, timestamp);
    }

    /** A copy of the original bytes, or {@code null} for a tombstone. */
    @Override
    public byte[] original() {
        return original == null ? null : original.clone();
    }

    /** The dead letter's JSON, UTF-8, fields in the documented order. */
    public static byte[] toJson(DeadLetter d) {
        Objects.requireNonNull(d, "deadLetter");
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + (d.original == null ? 0 : d.original.length * 4 / 3));
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("type", TYPE);
            g.writeStringField("task", d.task);
            g.writeStringField("topic", d.topic);
            g.writeNumberField("partition", d.partition);
            g.writeNumberField("offset", d.offset);
            g.writeStringField("reason", d.reason);
            g.writeStringField("message", d.message);
            g.writeStringField("original", d.original == null ? null : Base64.getEncoder().encodeToString(d.original));
            g.writeNumberField("ts", d.timestamp);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode dead letter of " + d.topic + "@" + d.offset, e);
        }
        return out.toByteArray();
    }

    /**
     * Reads a dead letter written by {@link #toJson}.
     *
     * @throws IllegalArgumentException naming the field when the JSON is not a dead letter
     */
    public static DeadLetter fromJson(byte[] json) {
        Objects.requireNonNull(json, "json");
        JsonNode n;
        try {
            n = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("dead letter is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("dead letter must be a JSON object");
        }
        String type = text(n, "type");
        if (!TYPE.equals(type)) {
            throw new IllegalArgumentException("field 'type' must be '" + TYPE + "', found '" + type + "'");
        }
        JsonNode original = required(n, "original");
        byte[] bytes = null;
        if (!original.isNull()) {
            if (!original.isTextual()) {
                throw new IllegalArgumentException("field 'original' must be a base64 string or null");
            }
            try {
                bytes = Base64.getDecoder().decode(original.textValue());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("field 'original' is not valid base64: " + e.getMessage(), e);
            }
        }
        long partition = integer(n, "partition");
        if (partition != (int) partition) {
            throw new IllegalArgumentException("field 'partition' is out of range: " + partition);
        }
        return new DeadLetter(text(n, "task"), text(n, "topic"), (int) partition, integer(n, "offset"),
                text(n, "reason"), text(n, "message"), bytes, integer(n, "ts"));
    }

    private static JsonNode required(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null) {
            throw new IllegalArgumentException("dead letter has no field '" + field + "'");
        }
        return v;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = required(n, field);
        if (!v.isTextual()) {
            throw new IllegalArgumentException("field '" + field + "' must be a string, found " + v);
        }
        return v.textValue();
    }

    private static long integer(JsonNode n, String field) {
        JsonNode v = required(n, field);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new IllegalArgumentException("field '" + field + "' must be an integer, found " + v);
        }
        return v.longValue();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeadLetter d && task.equals(d.task) && topic.equals(d.topic) && partition == d.partition
                && offset == d.offset && reason.equals(d.reason) && message.equals(d.message)
                && Arrays.equals(original, d.original) && timestamp == d.timestamp;
    }

    @Override
    public int hashCode() {
        return Objects.hash(task, topic, partition, offset, reason, message, Arrays.hashCode(original), timestamp);
    }

    @Override
    public String toString() {
        return "DeadLetter[" + task + ", " + topic + "-" + partition + "@" + offset + ", " + reason + ": " + message
                + ", " + (original == null ? "tombstone" : original.length + " bytes") + ", ts=" + timestamp + "]";
    }
}

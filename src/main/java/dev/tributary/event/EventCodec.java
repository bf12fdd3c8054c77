package dev.tributary.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.Objects;

import static dev.tributary.event.Messages.count;

/**
 * The wire format of input events (DESIGN.md §2): one UTF-8 JSON object per record,
 * <pre>{"id": "e-17", "ts": 1763884800000, "features": {"age": 39, "education": "Bachelors"}, "label": 1}</pre>
 * decoded strictly into an {@link Event}, and encoded back for producers and the demo.
 *
 * <p>Decoding refuses anything outside the contract with an {@link EventDecodeException} whose
 * {@link EventDecodeException#reason() reason} is a {@link DeadLetterReason} and whose message names the
 * field and value, or the line and column of a syntax error. The rules:
 * <ul>
 *   <li>{@code features} (required): an object; a number becomes a {@link Double}, a string stays a
 *       {@link String} (never parsed as a number), a boolean becomes the string {@code "true"} or
 *       {@code "false"} (categorical), {@code null} means missing. Objects and arrays are refused.</li>
 *   <li>{@code label} (optional; absent or {@code null} = score only): a number becomes a {@link Double}
 *       (class indices too: the learner checks the kind), a string stays a class name, a boolean
 *       becomes 1.0 or 0.0.</li>
 *   <li>{@code id} (optional): a string, or a number kept in its JSON text form.</li>
 *   <li>{@code ts} (optional, else the record timestamp): a non-negative integer, epoch ms.</li>
 *   <li>Numbers must be finite: {@code NaN}, {@code Infinity} and overflowing literals like
 *       {@code 1e999} are refused, naming the feature. Other top-level keys and duplicate keys are
 *       refused. Sizes are bounded by {@link EventLimits}; the record size is checked before parsing.</li>
 * </ul>
 *
 * <p>The decoder is a single pass of Jackson's streaming parser over the bytes (after a strict UTF-8
 * check); instances are immutable and safe to share between threads.
 */
public final class EventCodec {
    private final EventLimits limits;
    private final FeatureSchema schema;
    private final JsonFactory factory;

    /** A codec with {@link EventLimits#DEFAULTS}. */
    public EventCodec() {
        this(EventLimits.DEFAULTS);
    }

    public EventCodec(EventLimits limits) {
        this(limits, null);
    }

    /**
     * A codec that decodes features into the slots of {@code schema} ({@link FeatureValues}), for the
     * learner of a topology with those features; null gives plain maps. What is accepted is the same.
     */
    public EventCodec(EventLimits limits, FeatureSchema schema) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.schema = schema;
        this.factory = JsonFactory.builder()
                // parse NaN/Infinity as numbers so that they are refused naming the feature, not as a syntax error
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                // names are canonicalised (reused per factory) anyway; do not grow the JVM's intern pool with producers' keys
                .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                .build();
    }

    public EventLimits limits() {
        return limits;
    }

    /**
     * Decodes one record of {@code task}'s topic.
     *
     * @param task            the task, from the topic the record came from
     * @param value           the record value; {@code null} (a tombstone) and empty values are refused
     * @param recordTimestamp the record timestamp, used when the event has no {@code ts}
     * @throws EventDecodeException when the record breaks the contract; never returns a partial event
     */
    public Event decode(String task, byte[] value, long recordTimestamp) {
        Objects.requireNonNull(task, "task");
        if (value == null || value.length == 0) {
            throw new EventDecodeException(DeadLetterReason.EMPTY_RECORD,
                    value == null ? "record has no value (a tombstone)" : "record is empty (0 bytes)");
        }
        if (value.length > limits.maxRecordBytes()) {
            throw new EventDecodeException(DeadLetterReason.OVERSIZED, "record is " + count(value.length)
                    + " bytes, limit " + count(limits.maxRecordBytes()));
        }
        Utf8.check(value);
        try (JsonParser p = factory.createParser(value)) {
            return new EventReader(p, limits, schema).read(task, recordTimestamp);
        } catch (IOException e) {
            throw new EventDecodeException(DeadLetterReason.MALFORMED_JSON, "record could not be read: " + e, e);
        }
    }

    /**
     * Encodes an event in the contract's form (the task is not written: it is the topic). Integral
     * doubles are written without a fraction ({@code 39}, not {@code 39.0}); decoding gives the same
     * {@link Double}. Booleans, other {@link Number}s and strings are written as themselves.
     *
     * @throws IllegalArgumentException for a non-finite number, a negative timestamp or a value of
     *                                  another type, since decoding would refuse the result
     */
    public byte[] encode(Event e) {
        Objects.requireNonNull(e, "event");
        if (e.timestamp() < 0) {
            throw new IllegalArgumentException("event '" + e.id() + "' has a negative timestamp " + e.timestamp()
                    + "; the wire format needs epoch milliseconds >= 0");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 24 * e.features().size());
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.writeStartObject();
            if (e.id() != null) {
                g.writeStringField("id", e.id());
            }
            g.writeNumberField("ts", e.timestamp());
            g.writeObjectFieldStart("features");
            for (Map.Entry<String, Object> f : e.features().entrySet()) {
                g.writeFieldName(f.getKey());
                writeValue(g, f.getValue(), "feature '" + f.getKey() + "'");
            }
            g.writeEndObject();
            if (e.label() != null) {
                g.writeFieldName("label");
                writeValue(g, e.label(), "label");
            }
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException("could not encode event '" + e.id() + "'", ex);
        }
        return out.toByteArray();
    }

    private static void writeValue(JsonGenerator g, Object v, String what) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof BigInteger b) {
            g.writeNumber(b);
        } else if (v instanceof BigDecimal b) {
            g.writeNumber(b);
        } else if (v instanceof Number n) {
            writeDouble(g, n.doubleValue(), what);
        } else {
            throw new IllegalArgumentException(what + " has a value of type " + v.getClass().getName()
                    + "; only numbers, strings, booleans and null can be encoded");
        }
    }

    private static void writeDouble(JsonGenerator g, double d, String what) throws IOException {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException(what + " is not a finite number: " + d);
        }
        boolean integral = d == Math.rint(d) && Math.abs(d) < 1e15 && Double.doubleToRawLongBits(d) != Long.MIN_VALUE;
        if (integral) {
            g.writeNumber((long) d);
        } else {
            g.writeNumber(d);
        }
    }
}

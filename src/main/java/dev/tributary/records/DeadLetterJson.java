package dev.tributary.records;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The JSON form of a {@link DeadLetter}: one writer (optionally within a size budget) and one tolerant reader. */
final class DeadLetterJson {
    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(JSON);

    private DeadLetterJson() {
    }

    /**
     * The JSON of {@code d} in at most {@code maxBytes}: whole if it fits; else with the longest prefix
     * of the original that fits; else also without key and headers.
     */
    static byte[] write(DeadLetter d, int maxBytes) {
        byte[] whole = encode(d);
        if (whole.length <= maxBytes) {
            return whole;
        }
        byte[] cut = fitOriginal(d, maxBytes);
        if (cut == null) {
            cut = fitOriginal(d.withoutKeyAndHeaders(), maxBytes);
        }
        if (cut == null) {
            throw new IllegalArgumentException("a dead letter of " + d.topic() + "@" + d.offset() + " does not fit in "
                    + maxBytes + " bytes even without its original, key and headers");
        }
        return cut;
    }

    /** The JSON with the longest prefix of the original that keeps it within {@code maxBytes}, or null. */
    private static byte[] fitOriginal(DeadLetter d, int maxBytes) {
        int kept = d.original() == null ? 0 : d.original().length;
        int withoutOriginal = encode(d.withOriginalPrefix(0)).length;
        // Base64 takes 4 chars per 3 bytes; the prefix's length changes no other field but the flag.
        long room = (long) maxBytes - withoutOriginal - 8;
        if (room < 0) {
            return null;
        }
        int prefix = (int) Math.min(kept, room / 4 * 3);
        byte[] json = encode(d.withOriginalPrefix(prefix));
        return json.length <= maxBytes ? json : null;
    }

    private static byte[] encode(DeadLetter d) {
        byte[] original = d.original();
        byte[] key = d.key();
        ByteArrayOutputStream out = new ByteArrayOutputStream(512 + (original == null ? 0 : original.length * 4 / 3));
        Base64.Encoder b64 = Base64.getEncoder();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("type", DeadLetter.TYPE);
            g.writeStringField("task", d.task());
            g.writeStringField("topic", d.topic());
            g.writeNumberField("partition", d.partition());
            g.writeNumberField("offset", d.offset());
            g.writeStringField("key", key == null ? null : b64.encodeToString(key));
            g.writeArrayFieldStart("headers");
            for (DeadLetter.Header h : d.headers()) {
                byte[] v = h.value();
                g.writeStartObject();
                g.writeStringField("key", h.key());
                g.writeStringField("value", v == null ? null : b64.encodeToString(v));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("reason", d.reason());
            g.writeStringField("message", d.message());
            g.writeStringField("original", original == null ? null : b64.encodeToString(original));
            g.writeNumberField("original_bytes", d.originalBytes());
            g.writeStringField("original_sha256", d.originalSha256());
            g.writeBooleanField("original_truncated", d.originalTruncated());
            g.writeNumberField("ts", d.timestamp());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode dead letter of " + d.topic() + "@" + d.offset(), e);
        }
        return out.toByteArray();
    }

    static DeadLetter read(byte[] json) {
        if (json == null) {
            throw new IllegalArgumentException("dead letter is null (a tombstone)");
        }
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
        if (!DeadLetter.TYPE.equals(type)) {
            throw new IllegalArgumentException("field 'type' must be '" + DeadLetter.TYPE + "', found '" + type + "'");
        }
        byte[] original = base64(required(n, "original"), "original");
        long partition = integer(n, "partition");
        if (partition != (int) partition) {
            throw new IllegalArgumentException("field 'partition' is out of range: " + partition);
        }
        JsonNode size = n.get("original_bytes");
        long originalBytes = size == null ? (original == null ? 0 : original.length) : integer(n, "original_bytes");
        JsonNode sha = n.get("original_sha256");
        String sha256 = sha == null || sha.isNull() ? null : text(n, "original_sha256");
        JsonNode key = n.get("key");
        return new DeadLetter(text(n, "task"), text(n, "topic"), (int) partition, integer(n, "offset"),
                key == null ? null : base64(key, "key"), headers(n.get("headers")), text(n, "reason"),
                text(n, "message"), original, originalBytes, sha256, integer(n, "ts"));
    }

    private static List<DeadLetter.Header> headers(JsonNode array) {
        List<DeadLetter.Header> out = new ArrayList<>();
        if (array == null || array.isNull()) {
            return out;
        }
        if (!array.isArray()) {
            throw new IllegalArgumentException("field 'headers' must be an array, found " + array);
        }
        for (JsonNode h : array) {
            if (!h.isObject()) {
                throw new IllegalArgumentException("each of 'headers' must be an object, found " + h);
            }
            out.add(new DeadLetter.Header(text(h, "key"), base64(required(h, "value"), "headers.value")));
        }
        return out;
    }

    private static byte[] base64(JsonNode v, String field) {
        if (v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("field '" + field + "' must be a base64 string or null");
        }
        try {
            return Base64.getDecoder().decode(v.textValue());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field '" + field + "' is not valid base64: " + e.getMessage(), e);
        }
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
}

package dev.tributary.records;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Parses monitoring records (JSON objects with a {@code type} field) into {@link MonitorRecord}s.
 * A record that is not JSON, not an object, has no {@code type}, or lacks a field its type requires
 * is refused with an {@link IllegalArgumentException} that names the problem; a well-formed record of
 * an unknown type becomes {@link MonitorRecord.Other}. Thread-safe.
 */
public final class MonitorRecords {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MonitorRecords() {
    }

    /** Parses one record from UTF-8 JSON. */
    public static MonitorRecord parse(byte[] json) {
        return parse(new String(json, StandardCharsets.UTF_8));
    }

    /** Parses one record from a JSON text. */
    public static MonitorRecord parse(String json) {
        JsonNode n;
        try {
            n = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable: " + e.getMessage(), e);
        }
        if (n == null || n.isMissingNode()) {
            throw new IllegalArgumentException("empty record");
        }
        return parse(n);
    }

    /** Converts a parsed JSON tree. */
    public static MonitorRecord parse(JsonNode n) {
        if (!n.isObject()) {
            throw new IllegalArgumentException("not a JSON object: " + n.getNodeType().name().toLowerCase());
        }
        JsonNode type = n.get("type");
        if (type == null || !type.isTextual()) {
            throw new IllegalArgumentException("no 'type' field");
        }
        return switch (type.asText()) {
            case MetricsCodec.TYPE -> MetricsCodec.read(n);
            case DriftCodec.TYPE -> DriftCodec.read(n);
            case AffinityCodec.TYPE -> AffinityCodec.read(n);
            case RoundsCodec.TYPE -> RoundsCodec.read(n);
            default -> new MonitorRecord.Other(type.asText());
        };
    }
}

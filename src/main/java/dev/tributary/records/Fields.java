package dev.tributary.records;

import com.fasterxml.jackson.databind.JsonNode;

/** Field readers shared by the record readers: a required field missing is an error naming it. */
final class Fields {
    private Fields() {
    }

    static String text(JsonNode n, String type, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new IllegalArgumentException(type + " record has no '" + field + "'");
        }
        return v.asText();
    }
    static String optionalText(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }
    static long integer(JsonNode n, String type, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException(type + " record has no numeric '" + field + "'");
        }
        return v.asLong();
    }
    static long count(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isNumber() ? 0 : v.asLong();
    }
    static double number(JsonNode v) {
        return v == null || !v.isNumber() ? Double.NaN : v.asDouble();
    }
}

package dev.tributary.event;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import static dev.tributary.event.Messages.count;
import static dev.tributary.event.Messages.quote;
import static dev.tributary.event.Messages.shorten;

/**
 * Reads one event from a streaming parser, token by token, and refuses the first problem it meets.
 * One instance per record. A Jackson syntax error is turned into MALFORMED_JSON with its line, column
 * and the part of the event being read.
 */
final class EventReader {
    private static final String ALLOWED_FIELDS = "id, ts, features, label";
    private static final int ID = 1;
    private static final int TS = 2;
    private static final int FEATURES = 4;
    private static final int LABEL = 8;
    /** Jackson's hints at its own switches ("enable `JsonReadFeature...` to allow", "(or 'NaN'/...)") mislead producers. */
    private static final Pattern JACKSON_ADVICE = Pattern.compile("[:;] enable `[^`]+` to allow| \\(or 'NaN'[^)]*\\)");
    private static final Pattern SOURCE = Pattern.compile("\\[Source: [^;\\]]*; ");

    private final JsonParser p;
    private final EventLimits limits;
    /** When set, features are decoded into its slots ({@link FeatureValues}); else into a map. */
    private final FeatureSchema schema;
    /** Set once the event object is closed: a later syntax error is trailing garbage. */
    private boolean closed;

    EventReader(JsonParser p, EventLimits limits, FeatureSchema schema) {
        this.p = p;
        this.limits = limits;
        this.schema = schema;
    }

    Event read(String task, long recordTimestamp) throws IOException {
        try {
            return readEvent(task, recordTimestamp);
        } catch (JsonProcessingException e) {
            throw malformed(e);
        }
    }

    private Event readEvent(String task, long recordTimestamp) throws IOException {
        JsonToken t = p.nextToken();
        if (t == null) {
            throw refuse(DeadLetterReason.EMPTY_RECORD, "record holds no JSON value (only whitespace)");
        }
        if (t != JsonToken.START_OBJECT) {
            throw refuse(DeadLetterReason.NOT_AN_OBJECT, "record must be a JSON object, found " + found(t) + at());
        }
        String id = null;
        long ts = recordTimestamp;
        Map<String, Object> features = null;
        Object label = null;
        int seen = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            int bit = switch (name) {
                case "id" -> ID;
                case "ts" -> TS;
                case "features" -> FEATURES;
                case "label" -> LABEL;
                default -> throw refuse(DeadLetterReason.UNKNOWN_FIELD, "unknown field " + quote(name)
                        + "; allowed fields: " + ALLOWED_FIELDS);
            };
            if ((seen & bit) != 0) {
                throw refuse(DeadLetterReason.DUPLICATE_FIELD, "field '" + name + "' appears twice");
            }
            seen |= bit;
            t = p.nextToken();
            switch (bit) {
                case ID -> id = id(t);
                case TS -> ts = t == JsonToken.VALUE_NULL ? recordTimestamp : timestamp(t);
                case FEATURES -> features = features(t);
                default -> label = label(t);
            }
        }
        if (features == null) {
            throw refuse(DeadLetterReason.MISSING_FEATURES, "field 'features' is missing; it must be an object"
                    + " of feature name to number, string, boolean or null");
        }
        closed = true;
        if ((t = p.nextToken()) != null) {
            throw refuse(DeadLetterReason.MALFORMED_JSON, "record has content after the event object: "
                    + found(t) + at());
        }
        return new Event(task, id, ts, features, label);
    }

    private Map<String, Object> features(JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            throw refuse(DeadLetterReason.MISSING_FEATURES, "field 'features' is null; it must be an object"
                    + " of feature name to number, string, boolean or null");
        }
        if (t != JsonToken.START_OBJECT) {
            throw refuse(DeadLetterReason.FEATURES_NOT_AN_OBJECT, "field 'features' must be a JSON object, found "
                    + found(t));
        }
        if (schema != null) {
            return slotted();
        }
        // Sized for a few dozen features without rehashing (the default 16 buckets rehash at 12).
        Map<String, Object> out = new LinkedHashMap<>(64);
        String name;
        while ((name = p.nextFieldName()) != null) {
            checkFeature(out.size(), name);
            int before = out.size();
            out.put(name, featureValue(name, p.nextToken()));
            if (out.size() == before) {
                throw duplicate(name);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** The features object's members into the schema's slots; the same checks as the map path. */
    private FeatureValues slotted() throws IOException {
        FeatureValues.Builder out = new FeatureValues.Builder(schema);
        String name;
        while ((name = p.nextFieldName()) != null) {
            checkFeature(out.size(), name);
            JsonToken t = p.nextToken();
            boolean added = t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT
                    ? out.addNumber(name, finiteDouble(name)) : out.add(name, (String) featureValue(name, t));
            if (!added) {
                throw duplicate(name);
            }
        }
        return out.build();
    }

    private static EventDecodeException duplicate(String name) {
        return refuse(DeadLetterReason.DUPLICATE_FIELD, "feature " + quote(name) + " appears twice");
    }

    /** Refuses a feature beyond the limit or with a bad name; {@code before} features were read already. */
    private void checkFeature(int before, String name) {
        if (before == limits.maxFeatures()) {
            throw refuse(DeadLetterReason.TOO_MANY_FEATURES, "event has more than " + count(limits.maxFeatures())
                    + " features (limit " + count(limits.maxFeatures()) + ")");
        }
        checkName(name);
    }

    private void checkName(String name) {
        if (name.isEmpty()) {
            throw refuse(DeadLetterReason.BAD_FEATURE, "a feature has an empty name");
        }
        if (name.length() > limits.maxNameLength()) {
            throw refuse(DeadLetterReason.BAD_FEATURE, "feature name " + quote(name) + " is " + count(name.length())
                    + " chars, limit " + count(limits.maxNameLength()));
        }
    }

    private Object featureValue(String name, JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> finite(name);
            case VALUE_STRING -> string(DeadLetterReason.BAD_FEATURE, name);
            case VALUE_NULL -> null;
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            default -> throw refuse(DeadLetterReason.BAD_FEATURE, "feature " + quote(name)
                    + " must be a number, string, boolean or null, found " + found(t));
        };
    }

    private Object label(JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> finite(null);
            case VALUE_STRING -> string(DeadLetterReason.BAD_LABEL, null);
            case VALUE_NULL -> null;
            case VALUE_TRUE -> 1.0;
            case VALUE_FALSE -> 0.0;
            default -> throw refuse(DeadLetterReason.BAD_LABEL,
                    "label must be a number, string, boolean or null, found " + found(t));
        };
    }

    private String id(JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_STRING -> string(DeadLetterReason.BAD_ID, null);
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                if (!Double.isFinite(p.getDoubleValue())) {
                    throw refuse(DeadLetterReason.BAD_ID, "id must be a string or a finite number, found " + found(t));
                }
                yield p.getText();
            }
            case VALUE_NULL -> null;
            default -> throw refuse(DeadLetterReason.BAD_ID, "id must be a string or a number, found " + found(t));
        };
    }

    private long timestamp(JsonToken t) throws IOException {
        String rule = "ts must be a non-negative integer (epoch milliseconds), found ";
        if (t != JsonToken.VALUE_NUMBER_INT) {
            throw refuse(DeadLetterReason.BAD_TIMESTAMP, rule + found(t));
        }
        JsonParser.NumberType type = p.getNumberType();
        if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG) {
            throw refuse(DeadLetterReason.BAD_TIMESTAMP, rule + found(t) + " (too large for a long)");
        }
        long ts = p.getLongValue();
        if (ts < 0) {
            throw refuse(DeadLetterReason.BAD_TIMESTAMP, rule + found(t));
        }
        return ts;
    }

    /** The current number as a Double; {@code feature} names it in the refusal, null for the label. */
    private Double finite(String feature) throws IOException {
        return finiteDouble(feature);
    }

    private double finiteDouble(String feature) throws IOException {
        double d = p.getDoubleValue();
        if (!Double.isFinite(d)) {
            throw refuse(DeadLetterReason.NON_FINITE, subject(feature, "label") + " is not a finite number: "
                    + shorten(p.getText()));
        }
        return d;
    }

    /** The current string, length-checked; {@code feature} names it in the refusal, else the error's field. */
    private String string(DeadLetterReason error, String feature) throws IOException {
        String s = p.getText();
        if (s.length() > limits.maxStringLength()) {
            throw refuse(error, subject(feature, error == DeadLetterReason.BAD_ID ? "id" : "label") + " is a string of "
                    + count(s.length()) + " chars, limit " + count(limits.maxStringLength()) + ": " + quote(s));
        }
        return s;
    }

    /** "feature 'name'" for a feature, else the top-level field; built only when refusing. */
    private static String subject(String feature, String field) {
        return feature == null ? field : "feature " + quote(feature);
    }

    /** The current token for a "found ..." phrase; objects and arrays are not read any further. */
    private String found(JsonToken t) throws IOException {
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "string " + quote(p.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number " + shorten(p.getText());
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : t.asString();
        };
    }

    private String at() {
        var loc = p.currentTokenLocation();
        return " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }

    private EventDecodeException malformed(JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        String position = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
        String where = where();
        String context = where == null ? "" : " (" + where + ")";
        String detail = JACKSON_ADVICE.matcher(e.getOriginalMessage()).replaceAll("");
        detail = SOURCE.matcher(detail).replaceAll("[");
        if (detail.length() > 200) {
            detail = detail.substring(0, 197) + "...";
        }
        return new EventDecodeException(DeadLetterReason.MALFORMED_JSON,
                "malformed JSON" + position + context + ": " + detail, e);
    }

    /** The part of the event the parser was in, from Jackson's own context (it reads ahead of us). */
    private String where() {
        if (closed) {
            return "after the event object";
        }
        JsonStreamContext ctx = p.getParsingContext();
        if (ctx == null || ctx.inRoot() || ctx.getCurrentName() == null) {
            return null;
        }
        JsonStreamContext parent = ctx.getParent();
        if (parent.inRoot()) {
            return "field " + quote(ctx.getCurrentName());
        }
        boolean inFeatures = parent.getParent() != null && parent.getParent().inRoot()
                && "features".equals(parent.getCurrentName());
        return inFeatures ? "feature " + quote(ctx.getCurrentName()) : null;
    }

    private static EventDecodeException refuse(DeadLetterReason error, String message) {
        return new EventDecodeException(error, message);
    }
}

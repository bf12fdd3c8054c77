package dev.tributary.spec;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node of the parsed YAML tree together with its key path, so that every error can say where it is.
 * An absent key and an explicit YAML null are the same thing: "not given".
 */
final class YamlNode {
    private static final int MAX_SHOWN = 60;
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private final String source;
    private final String path;
    private final JsonNode json;

    private YamlNode(String source, String path, JsonNode json) {
        this.source = source;
        this.path = path;
        this.json = json;
    }

    static YamlNode root(String source, JsonNode json) {
        return new YamlNode(source, "", json);
    }

    String path() {
        return path;
    }

    boolean isPresent() {
        return json != null && !json.isNull() && !json.isMissingNode();
    }

    boolean isMapping() {
        return isPresent() && json.isObject();
    }

    boolean isList() {
        return isPresent() && json.isArray();
    }

    /** The child at {@code key} (possibly absent); this node must be a mapping if it is present. */
    YamlNode get(String key) {
        JsonNode child = isPresent() ? requireMapping().json.get(key) : null;
        return new YamlNode(source, path.isEmpty() ? key : path + "." + key, child);
    }

    /** The child at {@code key}, which must be given. */
    YamlNode require(String key) {
        YamlNode child = get(key);
        if (!child.isPresent()) {
            throw child.error("is required");
        }
        return child;
    }

    /** Checks that this node is a mapping whose keys are all among {@code allowed}; absent is fine. */
    YamlNode mapping(String... allowed) {
        if (!isPresent()) {
            return this;
        }
        requireMapping();
        List<String> allowedKeys = Arrays.asList(allowed);
        Iterator<String> names = json.fieldNames();
        while (names.hasNext()) {
            String key = names.next();
            if (!allowedKeys.contains(key)) {
                String where = path.isEmpty() ? "at the top level" : "in " + path;
                throw fail("unknown key '" + key + "' " + where + "; allowed: " + String.join(", ", allowedKeys)
                        + Names.suggestion(key, allowedKeys));
            }
        }
        return this;
    }

    /** The entries of a mapping whose keys are data (task names, columns), in file order; absent is empty. */
    List<Map.Entry<String, YamlNode>> entries() {
        List<Map.Entry<String, YamlNode>> out = new ArrayList<>();
        if (!isPresent()) {
            return out;
        }
        requireMapping();
        for (Map.Entry<String, JsonNode> field : json.properties()) {
            String childPath = path + "." + field.getKey();
            out.add(Map.entry(field.getKey(), new YamlNode(source, childPath, field.getValue())));
        }
        return out;
    }

    /** The elements of a list; absent is empty. */
    List<YamlNode> list() {
        List<YamlNode> out = new ArrayList<>();
        if (!isPresent()) {
            return out;
        }
        if (!json.isArray()) {
            String hint = json.isValueNode() ? " (write [" + json.asText() + "] for a single item)" : "";
            throw invalid("must be a list" + hint);
        }
        for (int i = 0; i < json.size(); i++) {
            out.add(new YamlNode(source, path + "[" + i + "]", json.get(i)));
        }
        return out;
    }

    /** A string value; numbers and booleans are refused (quote them). */
    String string() {
        requirePresent();
        if (!json.isTextual()) {
            throw invalid("must be a string", quoteHint());
        }
        return json.asText();
    }

    String string(String defaultValue) {
        return isPresent() ? string() : defaultValue;
    }

    /**
     * A value compared with data (a class name, a missing marker): strings and integers are taken as
     * written; booleans and decimals are refused because YAML would have changed their spelling.
     */
    String dataValue() {
        requirePresent();
        if (json.isTextual() || json.isIntegralNumber()) {
            return json.asText();
        }
        throw invalid("must be a string", quoteHint());
    }

    /** A list of distinct strings. */
    List<String> distinctStrings(boolean dataValues) {
        Set<String> seen = new LinkedHashSet<>();
        for (YamlNode item : list()) {
            String value = dataValues ? item.dataValue() : item.string();
            if (!seen.add(value)) {
                throw item.fail(item.path + " repeats '" + value + "'; the items of " + path + " must be unique");
            }
        }
        return List.copyOf(seen);
    }

    int integer() {
        requirePresent();
        if (!json.isIntegralNumber()) {
            throw invalid("must be an integer");
        }
        if (!json.canConvertToInt()) {
            throw invalid("must be at most " + Integer.MAX_VALUE);
        }
        return json.intValue();
    }

    int integer(int defaultValue) {
        return isPresent() ? integer() : defaultValue;
    }

    long longInteger(long defaultValue) {
        if (!isPresent()) {
            return defaultValue;
        }
        if (!json.isIntegralNumber()) {
            throw invalid("must be an integer");
        }
        if (!json.canConvertToLong()) {
            throw invalid("must be between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE);
        }
        return json.longValue();
    }

    /**
     * A duration in milliseconds: an integer with a unit, {@code ms}, {@code s}, {@code m}, {@code h} or
     * {@code d} ({@code 500ms}, {@code 30s}, {@code 7d}), or a plain integer of milliseconds.
     */
    long duration() {
        requirePresent();
        if (json.isIntegralNumber() && json.canConvertToLong()) {
            return json.longValue();
        }
        Matcher m = DURATION.matcher(json.isTextual() ? json.asText().strip() : "");
        if (!m.matches()) {
            throw invalid("must be a duration: an integer with a unit ms, s, m, h or d (30s, 7d)");
        }
        long unit = switch (m.group(2)) {
            case "ms" -> 1L;
            case "s" -> 1_000L;
            case "m" -> 60_000L;
            case "h" -> 3_600_000L;
            default -> 86_400_000L;
        };
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
        } catch (ArithmeticException | NumberFormatException e) {
            throw invalid("must be a duration of at most " + Long.MAX_VALUE + " ms");
        }
    }

    double number() {
        requirePresent();
        if (!json.isNumber()) {
            throw invalid("must be a number");
        }
        double value = json.doubleValue();
        if (!Double.isFinite(value)) {
            throw invalid("must be a finite number");
        }
        return value;
    }

    double number(double defaultValue) {
        return isPresent() ? number() : defaultValue;
    }

    boolean bool(boolean defaultValue) {
        if (!isPresent()) {
            return defaultValue;
        }
        if (!json.isBoolean()) {
            throw invalid("must be true or false");
        }
        return json.booleanValue();
    }

    /** One of an enum's constants, written in YAML in lower case with dashes ({@code shared-bottom}). */
    <E extends Enum<E>> E choice(Class<E> type) {
        requirePresent();
        List<String> allowed = Names.yamlNames(type);
        if (json.isTextual()) {
            int index = allowed.indexOf(json.asText());
            if (index >= 0) {
                return type.getEnumConstants()[index];
            }
        }
        String suggestion = json.isTextual() ? Names.suggestion(json.asText(), allowed) : "";
        throw fail(path + " must be one of " + String.join(", ", allowed) + ", found " + found() + suggestion);
    }

    <E extends Enum<E>> E choice(Class<E> type, E defaultValue) {
        return isPresent() ? choice(type) : defaultValue;
    }

    /** Throws "{@code <path> <must>, found <value>}" unless {@code ok}. */
    void check(boolean ok, String must) {
        if (!ok) {
            throw invalid(must);
        }
    }

    /** An error "{@code <path> <must>, found <value>}". */
    SpecException invalid(String must) {
        return invalid(must, "");
    }

    /** An error "{@code <path> <must>, found <value><after>}", e.g. with a spelling suggestion after. */
    SpecException invalid(String must, String after) {
        return fail(path + " " + must + ", found " + found() + after);
    }

    /** An error "{@code <path> <detail>}". */
    SpecException error(String detail) {
        return fail(path + " " + detail);
    }

    /** An error at this node with a free-form message. */
    SpecException fail(String message) {
        return new SpecException(source, path, message);
    }

    /** The value as it should be shown in an error. */
    String found() {
        if (!isPresent()) {
            return "nothing";
        }
        if (json.isTextual()) {
            return "'" + json.asText() + "'";
        }
        if (json.isValueNode()) {
            return json.asText();
        }
        String text = json.toString();
        return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "...";
    }

    private String quoteHint() {
        return json.isBoolean() ? " (YAML reads unquoted yes/no/on/off/true/false as booleans: quote it)"
                : json.isNumber() ? " (quote it)" : "";
    }

    private void requirePresent() {
        if (!isPresent()) {
            throw error("is required");
        }
    }

    private YamlNode requireMapping() {
        if (!json.isObject()) {
            throw invalid("must be a mapping of keys to values");
        }
        return this;
    }
}

package dev.tributary.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Set;

/**
 * The rows of a JSON-lines file: one JSON object a line, its keys the columns. JSON types are kept:
 * a number is numeric, a string is categorical even when it looks like a number (a zip code such as
 * {@code "00501"}), a boolean is the string {@code true}/{@code false}; {@code null} or a value listed
 * as missing is missing. A nested object or array makes the row bad.
 */
final class JsonlRows extends LineRows {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Set<String> missing;

    JsonlRows(Lines lines, Set<String> missing) {
        super(lines);
        this.missing = missing;
    }

    @Override
    Row parse(String text, long index) throws BadRowException {
        JsonNode node = parse(text);
        if (!node.isObject()) {
            throw new BadRowException("not a JSON object");
        }
        int n = node.size();
        String[] columns = new String[n];
        String[] texts = new String[n];
        Object[] values = new Object[n];
        int i = 0;
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            columns[i] = field.getKey();
            readValue(field.getKey(), field.getValue(), texts, values, i);
            i++;
        }
        return new Row(line(), index, columns, texts, values);
    }

    private static JsonNode parse(String text) throws BadRowException {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadRowException("not valid JSON: " + e.getOriginalMessage());
        }
    }

    private void readValue(String column, JsonNode value, String[] texts, Object[] values, int i)
            throws BadRowException {
        if (value.isContainerNode()) {
            throw new BadRowException("column '" + column + "' holds a nested JSON value");
        }
        if (value.isNull() || missing.contains(value.asText())) {
            return;
        }
        texts[i] = value.asText();
        if (value.isNumber()) {
            double number = value.doubleValue();
            if (!Double.isFinite(number)) {
                throw new BadRowException("column '" + column + "' holds a number out of range: " + texts[i]);
            }
            values[i] = number;
        } else {
            values[i] = texts[i];
        }
    }
}

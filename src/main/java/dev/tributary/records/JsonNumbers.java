package dev.tributary.records;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * Numbers in the output records: JSON has no NaN or infinity, so an undefined number is written as
 * {@code null} (Jackson's default would be the string "NaN"), as docs/wire-formats.md says.
 */
final class JsonNumbers {
    private JsonNumbers() {
    }

    /** {@code "name": v}, or {@code "name": null} when {@code v} is null or not finite. */
    static void field(JsonGenerator g, String name, Double v) throws IOException {
        g.writeFieldName(name);
        value(g, v);
    }

    /** {@code v} as an array element or value, or {@code null} when it is null or not finite. */
    static void value(JsonGenerator g, Double v) throws IOException {
        if (v == null || !Double.isFinite(v)) {
            g.writeNull();
        } else {
            g.writeNumber(v);
        }
    }
}

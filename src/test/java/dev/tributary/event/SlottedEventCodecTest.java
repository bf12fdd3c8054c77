package dev.tributary.event;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every {@link EventCodecTest} again with a codec that decodes features into a schema's slots (the
 * learner's codec): it must accept and refuse exactly what the plain codec does, with the same
 * reasons, and its events must read as the same maps. The schema declares some of the tests' feature
 * names as numeric and some as categorical; the rest are undeclared.
 */
class SlottedEventCodecTest extends EventCodecTest {
    static final FeatureSchema SCHEMA = new FeatureSchema(List.of("age", "f3", "x", "capital_gain", "a"),
            List.of("education", "city", "s", "workclass"));
    final EventCodec plain = new EventCodec();

    @Override
    EventCodec codec() {
        return new EventCodec(EventLimits.DEFAULTS, SCHEMA);
    }

    static List<Map.Entry<String, Object>> entries(Event e) {
        return new ArrayList<>(e.features().entrySet());
    }

    @Test
    void shouldPutDeclaredValuesInTheirSlotsAndCountTheUndeclared() {
        String json = "{\"features\": {\"city\": \"Oslo\", \"age\": 39, \"extra\": 1, \"f3\": null, "
                + "\"education\": 12, \"s\": true, \"other\": \"x\"}, \"label\": 1}";
        Event e = codec.decode("income", utf8(json), RECORD_TS);
        FeatureValues v = assertInstanceOf(FeatureValues.class, e.features());
        assertEquals(39.0, v.numeric(0));
        assertTrue(Double.isNaN(v.numeric(1)), "null is missing");
        assertTrue(Double.isNaN(v.numeric(2)), "absent is missing");
        assertEquals(12.0, v.categorical(0), "a number as a category stays a number");
        assertEquals("Oslo", v.categorical(1));
        assertEquals("true", v.categorical(2), "a boolean is the category 'true'");
        assertNull(v.categorical(3));
        assertEquals(2, v.undeclared());
        assertFalse(v.numericMismatch());
        assertEquals(entries(plain.decode("income", utf8(json), RECORD_TS)), entries(e), "same map, same order");
        assertEquals(plain.decode("income", utf8(json), RECORD_TS), e);
    }

    @Test
    void shouldFlagADeclaredNumericFeatureCarryingAStringAndShowItInTheMap() {
        String json = "{\"features\": {\"age\": \"old\", \"f3\": false, \"x\": 2.5}}";
        FeatureValues v = (FeatureValues) codec.decode("t", utf8(json), 0).features();
        assertTrue(v.numericMismatch());
        assertEquals("old", v.get("age"));
        assertEquals("false", v.get("f3"));
        assertEquals(2.5, v.numeric(2));
        assertEquals(Map.of("age", "old", "f3", "false", "x", 2.5), v);
    }

    @Test
    void shouldRefuseADuplicateUndeclaredFeatureAsThePlainCodecDoes() {
        String json = "{\"features\": {\"zz\": 1, \"age\": 2, \"zz\": 3}}";
        EventDecodeException slotted = assertRefused(codec, utf8(json), DeadLetterReason.DUPLICATE_FIELD,
                "feature 'zz' appears twice");
        EventDecodeException byMap = assertRefused(plain, utf8(json), DeadLetterReason.DUPLICATE_FIELD);
        assertEquals(byMap.getMessage(), slotted.getMessage());
    }

    @Test
    void shouldDecodeTheSameMapsAsThePlainCodecOverManyShapes() {
        String[] values = {"1", "-0.5", "1e3", "\"a b\"", "null", "true", "false", "\"12\""};
        String[] names = {"age", "f3", "x", "city", "s", "extra", "education", "a"};
        for (int i = 0; i < 500; i++) {
            StringBuilder b = new StringBuilder("{\"features\": {");
            for (int k = 0; k < names.length; k++) {
                if ((i >> k & 1) == 1 || k == i % names.length) {
                    b.append(b.charAt(b.length() - 1) == '{' ? "" : ", ").append('"').append(names[k]).append("\": ")
                            .append(values[(i * 7 + k * 3) % values.length]);
                }
            }
            byte[] json = utf8(b.append("}}").toString());
            Event expected = plain.decode("t", json, 0);
            Event actual = codec.decode("t", json, 0);
            assertEquals(entries(expected), entries(actual), new String(json));
        }
    }
}

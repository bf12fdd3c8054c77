package dev.tributary.event;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventCodecTest {
    static final long RECORD_TS = 1_700_000_000_000L;
    final EventCodec codec = codec();

    /** The codec under test; {@link SlottedEventCodecTest} runs every test with a schema-aware one. */
    EventCodec codec() {
        return new EventCodec();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    Event decode(String json) {
        return codec.decode("income", utf8(json), RECORD_TS);
    }

    /** Decoding must fail with {@code code}, and the message must contain every fragment. */
    static EventDecodeException assertRefused(EventCodec codec, byte[] value, DeadLetterReason code, String... fragments) {
        EventDecodeException e = assertThrows(EventDecodeException.class, () -> codec.decode("income", value, RECORD_TS));
        assertEquals(code, e.reason(), e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message lacks '" + f + "': " + e.getMessage());
        }
        assertTrue(e.getMessage().length() < 400, "message too long: " + e.getMessage());
        return e;
    }

    @Test
    void shouldDecodeTheBenchmarkEventOfAbout300Bytes() {
        byte[] b = utf8(EventCodecJmh.EVENT);
        assertTrue(b.length >= 280 && b.length <= 320, "benchmark event is " + b.length + " bytes");
        Event e = codec.decode("income", b, 0);
        assertEquals(11, e.features().size());
        assertEquals(2174.5, e.features().get("capital_gain"));
    }

    @Test
    void shouldDecodeTheContractExample() {
        Event e = decode("{\"id\": \"e-17\", \"ts\": 1763884800000, \"features\": {\"age\": 39, "
                + "\"education\": \"Bachelors\", \"f3\": -1.3}, \"label\": 1}");
        assertEquals("income", e.task());
        assertEquals("e-17", e.id());
        assertEquals(1763884800000L, e.timestamp());
        assertEquals(Map.of("age", 39.0, "education", "Bachelors", "f3", -1.3), e.features());
        assertEquals(1.0, e.label());
        assertInstanceOf(Double.class, e.features().get("age"));
    }

    @Test
    void shouldMapEveryFeatureValueTypeAndNeverParseStringsAsNumbers() {
        Event e = decode("{\"features\": {\"i\": -7, \"big\": 12345678901234567890, \"exp\": 2.5E-3, \"tiny\": 1e-999,"
                + " \"s\": \"Bachelors\", \"num_text\": \"39\", \"nan_text\": \"NaN\", \"t\": true, \"f\": false,"
                + " \"missing\": null, \"esc\": \"a\\\"b\\\\c\\n\\u00e9\\ud83d\\ude00\", \"raw\": \"Zürich 東京 😀\"}}");
        Map<String, Object> f = e.features();
        assertEquals(-7.0, f.get("i"));
        assertEquals(1.2345678901234567E19, f.get("big"));
        assertEquals(0.0025, f.get("exp"));
        assertEquals(0.0, f.get("tiny"));
        assertEquals("Bachelors", f.get("s"));
        assertEquals("39", f.get("num_text"));
        assertEquals("NaN", f.get("nan_text"));
        assertEquals("true", f.get("t"));
        assertEquals("false", f.get("f"));
        assertTrue(f.containsKey("missing"));
        assertNull(f.get("missing"));
        assertEquals("a\"b\\c\né😀", f.get("esc"));
        assertEquals("Zürich 東京 😀", f.get("raw"));
        assertEquals(12, f.size());
        assertNull(e.id());
        assertNull(e.label());
        assertFalse(e.labelled());
        assertEquals(RECORD_TS, e.timestamp());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "                 | NULL",
            ", \"label\": null | NULL",
            ", \"label\": 1    | 1.0",
            ", \"label\": 0    | 0.0",
            ", \"label\": 2    | 2.0",
            ", \"label\": -3.25| -3.25",
            ", \"label\": true | 1.0",
            ", \"label\": false| 0.0"})
    void shouldReadNumericAndBooleanLabelsAsDoubles(String labelPart, Double expected) {
        Event e = decode("{\"features\": {}" + (labelPart == null ? "" : labelPart) + "}");
        assertEquals(expected, e.label());
    }

    @Test
    void shouldKeepAStringLabelAsAClassName() {
        assertEquals("cat", decode("{\"features\": {}, \"label\": \"cat\"}").label());
        assertEquals("1", decode("{\"features\": {}, \"label\": \"1\"}").label());
    }

    @Test
    void shouldUseTheRecordTimestampWhenTsIsAbsentOrNull() {
        assertEquals(RECORD_TS, decode("{\"features\": {}}").timestamp());
        assertEquals(RECORD_TS, decode("{\"features\": {}, \"ts\": null}").timestamp());
        assertEquals(0L, decode("{\"features\": {}, \"ts\": 0}").timestamp());
        assertEquals(Long.MAX_VALUE, decode("{\"features\": {}, \"ts\": 9223372036854775807}").timestamp());
    }

    @Test
    void shouldTurnANumericIdIntoItsJsonText() {
        assertEquals("17", decode("{\"id\": 17, \"features\": {}}").id());
        assertEquals("-2.5", decode("{\"id\": -2.5, \"features\": {}}").id());
        assertEquals("12345678901234567890", decode("{\"id\": 12345678901234567890, \"features\": {}}").id());
        assertNull(decode("{\"id\": null, \"features\": {}}").id());
    }

    @Test
    void shouldAcceptAnyKeyOrderWhitespaceAndAUtf8ByteOrderMark() {
        Event e = decode("\n {\n\t\"label\" : \"b\" ,\"features\":{ \"x\" : 1 } , \"id\":\"k\", \"ts\": 5 }\r\n ");
        assertEquals(new Event("income", "k", 5, Map.of("x", 1.0), "b"), e);
        byte[] withBom = utf8("\uFEFF{\"features\": {\"x\": 2}}");
        assertEquals(3, withBom.length - utf8("{\"features\": {\"x\": 2}}").length);
        assertEquals(Map.of("x", 2.0), codec.decode("income", withBom, 0).features());
    }

    @Test
    void shouldKeepFeatureOrderAndRefuseChangesToTheMap() {
        Event e = decode("{\"features\": {\"z\": 1, \"a\": 2, \"m\": 3}}");
        assertEquals("[z, a, m]", e.features().keySet().toString());
        assertThrows(UnsupportedOperationException.class, () -> e.features().put("b", 1.0));
    }

    static Stream<Arguments> badJson() {
        String ok = "{\"features\": {}";
        return Stream.of(
                Arguments.of("syntax error", "{\"features\": {\"a\": 1,}}", DeadLetterReason.MALFORMED_JSON,
                        new String[]{"line 1, column 22", "feature 'a'"}),
                Arguments.of("truncated", "{\"features\": {\"age\": 39", DeadLetterReason.MALFORMED_JSON,
                        new String[]{"end-of-input", "line 1, column 24", "feature 'age'"}),
                Arguments.of("single quotes", "{'features': {}}", DeadLetterReason.MALFORMED_JSON,
                        new String[]{"line 1, column 2", "'''"}),
                Arguments.of("leading plus stays illegal", "{\"features\": {\"a\": +1}}", DeadLetterReason.MALFORMED_JSON,
                        new String[]{"line 1", "feature 'a'"}),
                Arguments.of("leading zeros", "{\"features\": {\"a\": 007}}", DeadLetterReason.MALFORMED_JSON,
                        new String[]{"line 1", "feature 'a'"}),
                Arguments.of("second line", "{\"features\": {\n\"a\": x}}", DeadLetterReason.MALFORMED_JSON,
                        new String[]{"line 2, column", "feature 'a'", "'x'"}),
                Arguments.of("trailing garbage", ok + "} x", DeadLetterReason.MALFORMED_JSON,
                        new String[]{"line 1, column 19", "after the event object", "'x'"}),
                Arguments.of("second object", ok + "}{\"features\": {}}", DeadLetterReason.MALFORMED_JSON,
                        new String[]{"content after the event object", "an object at line 1, column 17"}),
                Arguments.of("only whitespace", " \n\t ", DeadLetterReason.EMPTY_RECORD, new String[]{"whitespace"}),
                Arguments.of("string at top level", "\"hello\"", DeadLetterReason.NOT_AN_OBJECT,
                        new String[]{"string 'hello'", "line 1, column 1"}),
                Arguments.of("array at top level", "[{\"features\": {}}]", DeadLetterReason.NOT_AN_OBJECT,
                        new String[]{"found an array", "line 1, column 1"}),
                Arguments.of("number at top level", "  42", DeadLetterReason.NOT_AN_OBJECT,
                        new String[]{"number 42", "column 3"}),
                Arguments.of("features missing", "{\"id\": \"x\", \"label\": 1}", DeadLetterReason.MISSING_FEATURES,
                        new String[]{"'features' is missing"}),
                Arguments.of("features null", "{\"features\": null}", DeadLetterReason.MISSING_FEATURES,
                        new String[]{"'features' is null"}),
                Arguments.of("features an array", "{\"features\": [1, 2]}", DeadLetterReason.FEATURES_NOT_AN_OBJECT,
                        new String[]{"'features'", "an array"}),
                Arguments.of("features a string", "{\"features\": \"age=39\"}", DeadLetterReason.FEATURES_NOT_AN_OBJECT,
                        new String[]{"'features'", "string 'age=39'"}),
                Arguments.of("object feature value", "{\"features\": {\"geo\": {\"lat\": 1}}}", DeadLetterReason.BAD_FEATURE,
                        new String[]{"feature 'geo'", "found an object"}),
                Arguments.of("array feature value", "{\"features\": {\"tags\": [\"a\"]}}", DeadLetterReason.BAD_FEATURE,
                        new String[]{"feature 'tags'", "found an array"}),
                Arguments.of("empty feature name", "{\"features\": {\"\": 1}}", DeadLetterReason.BAD_FEATURE,
                        new String[]{"empty name"}),
                Arguments.of("NaN token", "{\"features\": {\"f3\": NaN}}", DeadLetterReason.NON_FINITE,
                        new String[]{"feature 'f3' is not a finite number: NaN"}),
                Arguments.of("Infinity token", "{\"features\": {\"f3\": -Infinity}}", DeadLetterReason.NON_FINITE,
                        new String[]{"feature 'f3' is not a finite number: -Infinity"}),
                Arguments.of("+INF token", "{\"features\": {\"f3\": +INF}}", DeadLetterReason.NON_FINITE,
                        new String[]{"feature 'f3' is not a finite number: +INF"}),
                Arguments.of("overflowing literal", "{\"features\": {\"f3\": 1e999}}", DeadLetterReason.NON_FINITE,
                        new String[]{"feature 'f3' is not a finite number: 1e999"}),
                Arguments.of("overflowing integer", "{\"features\": {\"n\": 1" + "0".repeat(400) + "}}",
                        DeadLetterReason.NON_FINITE, new String[]{"feature 'n' is not a finite number: 1000", "(401 chars)"}),
                Arguments.of("label object", ok + ", \"label\": {\"y\": 1}}", DeadLetterReason.BAD_LABEL,
                        new String[]{"label", "found an object"}),
                Arguments.of("label array", ok + ", \"label\": [0, 1]}", DeadLetterReason.BAD_LABEL,
                        new String[]{"label", "found an array"}),
                Arguments.of("label NaN", ok + ", \"label\": NaN}", DeadLetterReason.NON_FINITE,
                        new String[]{"label is not a finite number: NaN"}),
                Arguments.of("label overflow", ok + ", \"label\": -1e400}", DeadLetterReason.NON_FINITE,
                        new String[]{"label is not a finite number: -1e400"}),
                Arguments.of("ts string", ok + ", \"ts\": \"2025-11-23T08:00:00Z\"}", DeadLetterReason.BAD_TIMESTAMP,
                        new String[]{"ts must be", "string '2025-11-23T08:00:00Z'"}),
                Arguments.of("ts negative", ok + ", \"ts\": -5}", DeadLetterReason.BAD_TIMESTAMP,
                        new String[]{"ts must be a non-negative integer", "number -5"}),
                Arguments.of("ts fractional", ok + ", \"ts\": 1763884800000.5}", DeadLetterReason.BAD_TIMESTAMP,
                        new String[]{"ts must be", "number 1763884800000.5"}),
                Arguments.of("ts too large", ok + ", \"ts\": 99999999999999999999}", DeadLetterReason.BAD_TIMESTAMP,
                        new String[]{"99999999999999999999", "too large for a long"}),
                Arguments.of("ts boolean", ok + ", \"ts\": true}", DeadLetterReason.BAD_TIMESTAMP,
                        new String[]{"ts must be", "found true"}),
                Arguments.of("id boolean", ok + ", \"id\": true}", DeadLetterReason.BAD_ID,
                        new String[]{"id must be a string or a number", "found true"}),
                Arguments.of("id object", ok + ", \"id\": {\"k\": 1}}", DeadLetterReason.BAD_ID,
                        new String[]{"id must be", "an object"}),
                Arguments.of("id NaN", ok + ", \"id\": NaN}", DeadLetterReason.BAD_ID,
                        new String[]{"finite number", "NaN"}),
                Arguments.of("unknown top-level key", ok + ", \"lable\": 1}", DeadLetterReason.UNKNOWN_FIELD,
                        new String[]{"unknown field 'lable'", "id, ts, features, label"}),
                Arguments.of("features at the wrong level", "{\"age\": 39, \"features\": {}}", DeadLetterReason.UNKNOWN_FIELD,
                        new String[]{"'age'", "id, ts, features, label"}),
                Arguments.of("duplicate key", ok + ", \"features\": {}}", DeadLetterReason.DUPLICATE_FIELD,
                        new String[]{"field 'features' appears twice"}),
                Arguments.of("duplicate feature", "{\"features\": {\"age\": null, \"age\": 3}}",
                        DeadLetterReason.DUPLICATE_FIELD, new String[]{"feature 'age' appears twice"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badJson")
    void shouldRefuseBadJsonWithAReasonNamingTheFieldOrPosition(String name, String json, DeadLetterReason code,
                                                               String[] fragments) {
        assertRefused(codec, utf8(json), code, fragments);
    }

    @Test
    void shouldRefuseInvalidUtf8NamingTheOffsetAndBytes() {
        byte[] prefix = utf8("{\"features\": {\"city\": \"");
        int at = prefix.length;
        byte[][] bad = {{(byte) 0xC3, 0x28}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xFF}, {(byte) 0x80},
                {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}};
        for (byte[] b : bad) {
            byte[] record = concat(prefix, b, utf8("\"}}"));
            String hex = String.format("0x%02X", b[0] & 0xFF);
            assertRefused(codec, record, DeadLetterReason.INVALID_UTF8, "at byte " + at, "line 1, column " + (at + 1), hex);
        }
        assertRefused(codec, concat(prefix, new byte[]{(byte) 0xE2, (byte) 0x82}), DeadLetterReason.INVALID_UTF8,
                "truncated", "0xE2 0x82");
    }

    @Test
    void shouldRefuseUtf16TextAsNotUtf8() {
        assertRefused(codec, "{\"features\": {}}".getBytes(StandardCharsets.UTF_16BE), DeadLetterReason.INVALID_UTF8,
                "NUL byte", "at byte 0");
        assertRefused(codec, "{\"features\": {}}".getBytes(StandardCharsets.UTF_16LE), DeadLetterReason.INVALID_UTF8,
                "NUL byte", "at byte 1");
    }

    @Test
    void shouldRefuseEmptyAndNullRecords() {
        assertRefused(codec, new byte[0], DeadLetterReason.EMPTY_RECORD, "empty (0 bytes)");
        assertRefused(codec, null, DeadLetterReason.EMPTY_RECORD, "tombstone");
    }

    @Test
    void shouldRefuseAnOversizedRecordBeforeParsingIt() {
        byte[] garbage = new byte[2_000_123];
        Arrays.fill(garbage, (byte) 0xFF);
        EventDecodeException e = assertRefused(codec, garbage, DeadLetterReason.OVERSIZED);
        assertEquals("record is 2,000,123 bytes, limit 1,048,576", e.getMessage());
    }

    @Test
    void shouldAcceptARecordOfExactlyTheSizeLimit() {
        String head = "{\"features\": {\"s\": \"";
        String tail = "\"}}";
        EventCodec small = new EventCodec(EventLimits.DEFAULTS.withMaxRecordBytes(100));
        String fits = head + "x".repeat(100 - head.length() - tail.length()) + tail;
        assertEquals(100, utf8(fits).length);
        assertEquals(1, small.decode("t", utf8(fits), 0).features().size());
        assertRefused(small, utf8(head + "x" + fits.substring(head.length())), DeadLetterReason.OVERSIZED,
                "record is 101 bytes, limit 100");
    }

    @Test
    void shouldRefuseMoreFeaturesThanTheLimit() {
        assertEquals(10_000, decode(featuresJson(10_000)).features().size());
        assertRefused(codec, utf8(featuresJson(10_001)), DeadLetterReason.TOO_MANY_FEATURES,
                "more than 10,000 features", "limit 10,000");
        EventCodec three = new EventCodec(EventLimits.DEFAULTS.withMaxFeatures(3));
        assertRefused(three, utf8(featuresJson(4)), DeadLetterReason.TOO_MANY_FEATURES, "more than 3 features");
    }

    static String featuresJson(int n) {
        StringBuilder b = new StringBuilder("{\"features\": {");
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ", ").append("\"f").append(i).append("\": ").append(i);
        }
        return b.append("}}").toString();
    }

    @Test
    void shouldRefuseTooLongNamesAndStringsShowingAShortenedValue() {
        String longName = "n".repeat(257);
        EventDecodeException e = assertRefused(codec, utf8("{\"features\": {\"" + longName + "\": 1}}"),
                DeadLetterReason.BAD_FEATURE, "257 chars, limit 256", "nnnnnnnnnn… (257 chars)");
        assertFalse(e.getMessage().contains(longName));
        assertEquals(1, decode("{\"features\": {\"" + "n".repeat(256) + "\": 1}}").features().size());
        assertRefused(codec, utf8("{\"features\": {\"city\": \"" + "c".repeat(4_097) + "\"}}"),
                DeadLetterReason.BAD_FEATURE, "feature 'city'", "4,097 chars, limit 4,096", "… (4,097 chars)");
        assertRefused(codec, utf8("{\"features\": {}, \"label\": \"" + "c".repeat(5_000) + "\"}"),
                DeadLetterReason.BAD_LABEL, "label", "5,000 chars");
        assertRefused(codec, utf8("{\"features\": {}, \"id\": \"" + "i".repeat(5_000) + "\"}"),
                DeadLetterReason.BAD_ID, "id", "5,000 chars");
    }

    @Test
    void shouldNotPassOnJacksonAdviceThatContradictsTheContract() {
        EventDecodeException plus = assertRefused(codec, utf8("{\"features\": {\"a\": +1}}"),
                DeadLetterReason.MALFORMED_JSON, "plus signs");
        assertFalse(plus.getMessage().contains("enable"), plus.getMessage());
        EventDecodeException token = assertRefused(codec, utf8("{\"features\": {\"a\": nope}}"),
                DeadLetterReason.MALFORMED_JSON, "'nope'", "Number");
        assertFalse(token.getMessage().contains("NaN"), token.getMessage());
        EventDecodeException eof = assertRefused(codec, utf8("{\"features\": {"), DeadLetterReason.MALFORMED_JSON,
                "start marker at [line: 1, column: 14]");
        assertFalse(eof.getMessage().contains("Source"), eof.getMessage());
    }

    @Test
    void shouldEscapeControlCharactersInMessages() {
        EventDecodeException e = assertRefused(codec, utf8("{\"features\": {}, \"bad\\nkey\": 1}"),
                DeadLetterReason.UNKNOWN_FIELD, "'bad\\u000akey'");
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void shouldRefuseDeepNestingAtItsFirstBracket() {
        String deep = "{\"features\": {\"a\": " + "[".repeat(500_000);
        assertRefused(codec, utf8(deep), DeadLetterReason.BAD_FEATURE, "feature 'a'", "found an array");
        assertRefused(codec, utf8("[".repeat(500_000)), DeadLetterReason.NOT_AN_OBJECT, "found an array");
    }

    @Test
    void shouldRefuseNonPositiveLimits() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EventLimits.DEFAULTS.withMaxFeatures(0));
        assertEquals("maxFeatures must be positive, found 0", e.getMessage());
    }

    @Test
    void shouldEncodeIntegralDoublesWithoutAFraction() {
        Map<String, Object> f = new java.util.LinkedHashMap<>();
        f.put("age", 39.0);
        f.put("z", -0.0);
        f.put("x", 0.1);
        f.put("c", "Bachelors");
        f.put("m", null);
        f.put("b", true);
        byte[] json = codec.encode(new Event("income", "e-17", 1763884800000L, f, 1.0));
        assertEquals("{\"id\":\"e-17\",\"ts\":1763884800000,\"features\":{\"age\":39,\"z\":-0.0,\"x\":0.1,"
                + "\"c\":\"Bachelors\",\"m\":null,\"b\":true},\"label\":1}", new String(json, StandardCharsets.UTF_8));
    }

    @Test
    void shouldRefuseToEncodeWhatCouldNotBeDecoded() {
        Map<String, Object> nan = new HashMap<>();
        nan.put("f3", Double.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> codec.encode(new Event("t", "a", 0, nan, null)));
        assertTrue(e.getMessage().contains("feature 'f3' is not a finite number"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> codec.encode(new Event("t", "a", 0, Map.of("l", java.util.List.of(1)), null)));
        assertTrue(e.getMessage().contains("feature 'l'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> codec.encode(new Event("t", "a", -1, Map.of(), null)));
        assertTrue(e.getMessage().contains("negative timestamp -1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> codec.encode(new Event("t", "a", 0, Map.of(), Double.POSITIVE_INFINITY)));
        assertTrue(e.getMessage().contains("label is not a finite number"), e.getMessage());
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}

package dev.tributary.records;

import dev.tributary.event.DeadLetterReason;
import dev.tributary.event.EventCodec;
import dev.tributary.event.EventDecodeException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.util.Rng;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeadLetterTest {

    static DeadLetter letter(byte[] original) {
        return DeadLetter.of("income", "income.events", 2, 42L, "k-1".getBytes(StandardCharsets.UTF_8),
                List.of(new DeadLetter.Header("trace", new byte[]{1, 2}), new DeadLetter.Header("empty", null)),
                DeadLetterReason.NON_FINITE, "feature 'f3' is not a finite number: 1e999", original, Integer.MAX_VALUE,
                1763884800000L);
    }

    static DeadLetter plain(int partition, long offset, String reason) {
        return new DeadLetter("t", "t.events", partition, offset, null, List.of(), reason, "m", null, 0, null, 0);
    }

    @Test
    void shouldKeepArbitraryBytesExactlyThroughJson() {
        Rng rng = new Rng(7);
        for (int i = 0; i < 500; i++) {
            byte[] original = new byte[rng.nextInt(1_000)];
            for (int k = 0; k < original.length; k++) {
                original[k] = (byte) rng.nextInt(256);
            }
            DeadLetter d = letter(original);
            DeadLetter back = DeadLetter.fromJson(DeadLetter.toJson(d));
            assertEquals(d, back);
            assertArrayEquals(original, back.original());
        }
        byte[] everyByte = new byte[256];
        for (int k = 0; k < 256; k++) {
            everyByte[k] = (byte) k;
        }
        assertArrayEquals(everyByte, DeadLetter.fromJson(DeadLetter.toJson(letter(everyByte))).original());
    }

    @Test
    void shouldTellATombstoneFromAnEmptyRecord() {
        assertNull(DeadLetter.fromJson(DeadLetter.toJson(letter(null))).original());
        assertArrayEquals(new byte[0], DeadLetter.fromJson(DeadLetter.toJson(letter(new byte[0]))).original());
        assertNotEquals(letter(null), letter(new byte[0]));
    }

    @Test
    void shouldWriteTheDocumentedFieldsInOrder() throws Exception {
        byte[] original = {'{', (byte) 0xC3, 0x28, '}'};
        JsonNode n = new ObjectMapper().readTree(DeadLetter.toJson(letter(original)));
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("type", "task", "topic", "partition", "offset", "key", "headers", "reason", "message",
                "original", "original_bytes", "original_sha256", "original_truncated", "ts"), names);
        assertEquals(Base64.getEncoder().encodeToString("k-1".getBytes(StandardCharsets.UTF_8)), n.get("key").textValue());
        assertEquals("trace", n.get("headers").get(0).get("key").textValue());
        assertEquals("AQI=", n.get("headers").get(0).get("value").textValue());
        assertTrue(n.get("headers").get(1).get("value").isNull());
        assertEquals(4, n.get("original_bytes").intValue());
        assertEquals(DeadLetter.sha256(original), n.get("original_sha256").textValue());
        assertFalse(n.get("original_truncated").booleanValue());
        assertEquals("dead_letter", n.get("type").textValue());
        assertEquals(2, n.get("partition").intValue());
        assertEquals(42L, n.get("offset").longValue());
        assertEquals("NON_FINITE", n.get("reason").textValue());
        assertEquals(Base64.getEncoder().encodeToString(original), n.get("original").textValue());
        assertEquals(1763884800000L, n.get("ts").longValue());
    }

    @Test
    void shouldCarryTheDecodeReasonAndMessageOfARefusedRecord() {
        byte[] value = "{\"features\": {\"f3\": 1e999}}".getBytes(StandardCharsets.UTF_8);
        EventDecodeException refusal = assertThrows(EventDecodeException.class,
                () -> new EventCodec().decode("income", value, 5L));
        DeadLetter d = DeadLetter.of(refusal, "income", "income.events", 0, 9L, value, 5L);
        assertEquals("NON_FINITE", d.reason());
        assertEquals("feature 'f3' is not a finite number: 1e999", d.message());
        assertArrayEquals(value, DeadLetter.fromJson(DeadLetter.toJson(d)).original());
    }

    @Test
    void shouldNotShareItsByteArrayWithCallers() {
        byte[] original = {1, 2, 3};
        DeadLetter d = letter(original);
        original[0] = 9;
        d.original()[1] = 9;
        assertArrayEquals(new byte[]{1, 2, 3}, d.original());
    }

    @Test
    void shouldIgnoreUnknownFieldsButRequireTheDocumentedOnes() {
        String json = new String(DeadLetter.toJson(letter(new byte[]{1})), StandardCharsets.UTF_8);
        String extended = json.replace("\"type\":\"dead_letter\",", "\"type\":\"dead_letter\",\"later\":\"abc\",");
        assertEquals(letter(new byte[]{1}), DeadLetter.fromJson(extended.getBytes(StandardCharsets.UTF_8)));
        assertFromJsonRefused(json.replace(",\"offset\":42", ""), "no field 'offset'");
        assertFromJsonRefused(json.replace("\"offset\":42", "\"offset\":\"42\""), "field 'offset' must be an integer");
        assertFromJsonRefused(json.replace("dead_letter", "metrics"), "field 'type' must be 'dead_letter'");
        assertFromJsonRefused(json.replace("\"original\":\"AQ==\"", "\"original\":\"*not base64*\""),
                "field 'original' is not valid base64");
        assertFromJsonRefused("[1]", "must be a JSON object");
        assertFromJsonRefused("{\"type\":", "not valid JSON");
    }

    static void assertFromJsonRefused(String json, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeadLetter.fromJson(json.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void shouldRefuseImpossiblePositions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> plain(-2, 0, "X"));
        assertEquals("partition must be >= -1 (-1 = unknown), found -2", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> plain(0, -5, "X"));
        assertThrows(IllegalArgumentException.class, () -> plain(0, 0, " "));
    }

    /** A dead letter of the first format (no key, headers, size or digest) is still read. */
    @Test
    void shouldReadADeadLetterOfTheFirstFormat() {
        String v1 = "{\"type\":\"dead_letter\",\"task\":\"income\",\"topic\":\"income.events\",\"partition\":0,"
                + "\"offset\":7,\"reason\":\"MALFORMED_JSON\",\"message\":\"m\",\"original\":\"AQID\",\"ts\":5}";
        DeadLetter d = DeadLetter.fromJson(v1.getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(new byte[]{1, 2, 3}, d.original());
        assertEquals(3, d.originalBytes());
        assertNull(d.key());
        assertTrue(d.headers().isEmpty());
        assertNull(d.originalSha256());
        assertFalse(d.originalTruncated());
    }

    @Test
    void shouldCutTheOriginalToFitTheBudgetAndStillDescribeTheWhole() throws Exception {
        byte[] big = new byte[300_000];
        Rng rng = new Rng(3);
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) rng.nextInt(256);
        }
        DeadLetter d = letter(big);
        for (int budget : new int[]{8_192, 100_000, 399_999}) {
            byte[] json = DeadLetter.toJson(d, budget);
            assertTrue(json.length <= budget, json.length + " > " + budget);
            assertTrue(json.length > budget - 16, "the prefix uses the room: " + json.length + " of " + budget);
            DeadLetter back = DeadLetter.fromJson(json);
            assertTrue(back.originalTruncated());
            assertEquals(big.length, back.originalBytes());
            assertEquals(DeadLetter.sha256(big), back.originalSha256());
            byte[] prefix = back.original();
            assertArrayEquals(java.util.Arrays.copyOf(big, prefix.length), prefix);
            assertArrayEquals(d.key(), back.key(), "key kept");
            assertEquals(d.headers(), back.headers(), "headers kept");
            assertTrue(new ObjectMapper().readTree(json).get("original_truncated").booleanValue());
        }
        byte[] whole = DeadLetter.toJson(d, 500_000);
        assertArrayEquals(big, DeadLetter.fromJson(whole).original(), "kept whole when it fits");
    }

    @Test
    void shouldLeaveOutKeyAndHeadersWhenOnlyThatMakesItFit() {
        byte[] hugeKey = new byte[50_000];
        DeadLetter d = DeadLetter.of("t", "t.events", 0, 1, hugeKey, List.of(new DeadLetter.Header("h", new byte[9_000])),
                DeadLetterReason.OVERSIZED, "record is big", new byte[20_000], 4_096, 9);
        assertEquals(4_096, d.original().length);
        assertEquals(20_000, d.originalBytes());
        DeadLetter back = DeadLetter.fromJson(DeadLetter.toJson(d, 8_192));
        assertNull(back.key());
        assertTrue(back.headers().isEmpty());
        assertTrue(back.message().startsWith("record is big (key and headers too large"), back.message());
        assertEquals(20_000, back.originalBytes());
        assertTrue(back.original().length > 0 && back.originalTruncated());
    }
}

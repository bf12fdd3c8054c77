package dev.tributary.event;

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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeadLetterTest {

    static DeadLetter letter(byte[] original) {
        return new DeadLetter("income", "income.events", 2, 42L, "NON_FINITE",
                "feature 'f3' is not a finite number: 1e999", original, 1763884800000L);
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
        assertEquals(List.of("type", "task", "topic", "partition", "offset", "reason", "message", "original", "ts"), names);
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
        String extended = json.replace("\"type\":\"dead_letter\",", "\"type\":\"dead_letter\",\"key\":\"abc\",");
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
                () -> new DeadLetter("t", "t.events", -2, 0, "X", "m", null, 0));
        assertEquals("partition must be >= -1 (-1 = unknown), found -2", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DeadLetter("t", "t.events", 0, -5, "X", "m", null, 0));
        assertThrows(IllegalArgumentException.class, () -> new DeadLetter("t", "t.events", 0, 0, " ", "m", null, 0));
    }
}

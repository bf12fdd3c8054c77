package dev.tributary.streams;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutputLimitsTest {

    @Test
    void shouldTakeTheSmallerOfTopicAndProducerLimitLessFraming() {
        OutputLimits limits = new OutputLimits(4 << 20, Map.of("a", 2 << 20, "small", 1024));
        assertEquals((2 << 20) - OutputLimits.FRAMING_BYTES, limits.maxBytes("a"));
        assertEquals(OutputLimits.KAFKA_DEFAULT - OutputLimits.FRAMING_BYTES, limits.maxBytes("unknown"),
                "a topic not seen takes the broker's default");
        assertEquals(1024 - OutputLimits.FRAMING_BYTES, limits.maxBytes("small"),
                "a topic's own small limit is kept: a record over it would abort the transaction");
        assertTrue(limits.fits("small", null, new byte[1024 - OutputLimits.FRAMING_BYTES]));
        assertFalse(limits.fits("small", new byte[1], new byte[1024 - OutputLimits.FRAMING_BYTES]));
        assertEquals(64 * 1024 - OutputLimits.FRAMING_BYTES,
                new OutputLimits(64 * 1024, Map.of("a", 2 << 20)).maxBytes("a"), "the producer's limit");
        assertEquals(0, new OutputLimits(4 << 20, Map.of("tiny", 100)).maxBytes("tiny"));
    }

    @Test
    void shouldRefuseADeadLetterTopicWithoutRoomForADeadLetter() {
        var e = assertThrows(IllegalStateException.class,
                () -> new OutputLimits(4 << 20, Map.of(TopicNames.DEAD_LETTER, 4096)).requireDeadLetterRoom());
        assertTrue(e.getMessage().contains("tributary.dlq") && e.getMessage().contains("4,096")
                && e.getMessage().contains("max.message.bytes"), e.getMessage());
        new OutputLimits(4 << 20, Map.of(TopicNames.DEAD_LETTER, 2 << 20)).requireDeadLetterRoom();
    }
}

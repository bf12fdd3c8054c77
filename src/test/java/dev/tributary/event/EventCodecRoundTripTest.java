package dev.tributary.event;

import dev.tributary.util.Rng;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** encode then decode gives back the same event, for random events with awkward names and values. */
class EventCodecRoundTripTest {
    final EventCodec codec = new EventCodec();

    @Test
    void shouldDecodeWhatItEncodesForRandomEvents() {
        Rng rng = new Rng(20251123);
        for (int i = 0; i < 2_000; i++) {
            Event e = randomEvent(rng);
            byte[] wire = codec.encode(e);
            Event back = codec.decode(e.task(), wire, -1);
            assertEquals(e, back, "event " + i + ": " + new String(wire, java.nio.charset.StandardCharsets.UTF_8));
            assertArrayEquals(wire, codec.encode(back));
        }
    }

    static Event randomEvent(Rng rng) {
        int n = rng.nextInt(25);
        Map<String, Object> features = new LinkedHashMap<>();
        while (features.size() < n) {
            features.put(randomString(rng, 1 + rng.nextInt(20)), randomValue(rng));
        }
        String id = rng.nextInt(4) == 0 ? null : randomString(rng, rng.nextInt(30));
        long ts = rng.nextInt(10) == 0 ? Long.MAX_VALUE : rng.nextLong() >>> 1;
        Object label = switch (rng.nextInt(4)) {
            case 0 -> null;
            case 1 -> (double) rng.nextInt(2);
            case 2 -> randomDouble(rng);
            default -> randomString(rng, rng.nextInt(12));
        };
        return new Event("t" + rng.nextInt(3), id, ts, features, label);
    }

    static Object randomValue(Rng rng) {
        return switch (rng.nextInt(5)) {
            case 0 -> null;
            case 1 -> randomString(rng, rng.nextInt(40));
            default -> randomDouble(rng);
        };
    }

    static double randomDouble(Rng rng) {
        return switch (rng.nextInt(8)) {
            case 0 -> rng.nextInt(1000) - 500;
            case 1 -> -0.0;
            case 2 -> new double[]{Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, Double.MIN_NORMAL,
                    1e15, -1e15 + 1, 9.007199254740993E15, 0.1}[rng.nextInt(8)];
            case 3 -> Double.longBitsToDouble(rng.nextLong() & 0x7FEF_FFFF_FFFF_FFFFL) * (rng.nextInt(2) * 2 - 1);
            default -> rng.nextGaussian() * Math.pow(10, rng.nextInt(21) - 10);
        };
    }

    /** Code points from ASCII, control characters, quotes and backslashes, the BMP and beyond (valid pairs). */
    static String randomString(Rng rng, int codePoints) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < codePoints; i++) {
            int cp = switch (rng.nextInt(6)) {
                case 0 -> rng.nextInt(0x20);
                case 1 -> "\"\\/'{}[]:,".charAt(rng.nextInt(10));
                case 2 -> 0xA0 + rng.nextInt(0xD800 - 0xA0);
                case 3 -> 0x10000 + rng.nextInt(0x110000 - 0x10000);
                default -> 0x20 + rng.nextInt(0x5F);
            };
            b.appendCodePoint(cp);
        }
        return b.toString();
    }
}

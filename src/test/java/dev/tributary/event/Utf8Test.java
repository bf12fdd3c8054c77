package dev.tributary.event;

import dev.tributary.util.Rng;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The UTF-8 check against the JDK's strict decoder (the oracle), including its eight-byte fast path. */
class Utf8Test {

    /** Offset of the first malformed sequence by the JDK decoder (NUL counted as bad too), or -1. */
    static int oracle(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == 0) {
                int before = firstMalformed(b, i);
                return before < 0 ? i : before;
            }
        }
        return firstMalformed(b, b.length);
    }

    private static int firstMalformed(byte[] b, int len) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(b, 0, len);
        CharBuffer out = CharBuffer.allocate(2 * b.length + 2);
        CoderResult r = d.decode(in, out, true);
        return r.isError() ? in.position() : -1;
    }

    static int ours(byte[] b) {
        try {
            Utf8.check(b);
            return -1;
        } catch (EventDecodeException e) {
            assertEquals(DeadLetterReason.INVALID_UTF8, e.reason());
            String m = e.getMessage();
            int at = m.indexOf("at byte ") + "at byte ".length();
            return Integer.parseInt(m.substring(at, m.indexOf(' ', at)).replace(",", ""));
        }
    }

    @Test
    void shouldAgreeWithTheJdkStrictDecoderOnRandomBytes() {
        Rng rng = new Rng(11);
        int invalid = 0;
        for (int i = 0; i < 50_000; i++) {
            byte[] b = new byte[rng.nextInt(40)];
            int rate = 1 + rng.nextInt(60);
            for (int k = 0; k < b.length; k++) {
                b[k] = (byte) (rng.nextInt(rate) == 0 ? rng.nextInt(256) : 0x20 + rng.nextInt(0x5F));
            }
            int expected = oracle(b);
            invalid += expected >= 0 ? 1 : 0;
            assertEquals(expected, ours(b), () -> java.util.HexFormat.ofDelimiter(" ").formatHex(b));
        }
        assertTrue(invalid > 5_000 && invalid < 45_000, "a mix of valid and invalid inputs, found " + invalid + " invalid");
    }

    @Test
    void shouldAcceptEveryValidEncodingFromTheJdk() {
        Rng rng = new Rng(12);
        for (int i = 0; i < 2_000; i++) {
            StringBuilder s = new StringBuilder();
            for (int k = rng.nextInt(30); k > 0; k--) {
                int cp = 1 + rng.nextInt(0x10FFFF);
                s.appendCodePoint(cp >= 0xD800 && cp <= 0xDFFF ? 'x' : cp);
            }
            Utf8.check(s.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void shouldFindABadByteAtEveryPositionOfAWord() {
        for (int at = 0; at < 24; at++) {
            byte[] b = "abcdefghijklmnopqrstuvwx".getBytes(StandardCharsets.US_ASCII);
            b[at] = (byte) 0x80;
            int pos = at;
            EventDecodeException e = assertThrows(EventDecodeException.class, () -> Utf8.check(b));
            assertTrue(e.getMessage().contains("at byte " + pos + " (line 1, column " + (pos + 1) + ")"), e.getMessage());
        }
    }
}

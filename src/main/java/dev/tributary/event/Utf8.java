package dev.tributary.event;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Locale;

/**
 * Strict UTF-8 validation (Unicode 15, table 3-7: no overlong forms, no surrogates, nothing above
 * U+10FFFF) of a whole record before it reaches Jackson, which decodes leniently and would guess
 * UTF-16 or UTF-32 from NUL bytes. A raw NUL is refused too: JSON never contains one.
 */
final class Utf8 {
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Utf8() {
    }

    /** Returns normally when {@code b} is valid UTF-8 without NUL bytes, else throws INVALID_UTF8. */
    static void check(byte[] b) {
        int n = b.length;
        int i = 0;
        // fast path: eight bytes at a time while they are all ASCII and none is NUL
        for (; i + 8 <= n; i += 8) {
            long w = (long) WORDS.get(b, i);
            if (((w | (w - 0x0101010101010101L)) & 0x8080808080808080L) != 0) {
                break;
            }
        }
        while (i < n) {
            int c = b[i];
            if (c > 0) {
                i++;
            } else if (c == 0) {
                throw refuse(b, i, "a NUL byte (UTF-16 or UTF-32 text? the contract is UTF-8)");
            } else {
                i = sequence(b, i, c & 0xFF);
            }
        }
    }

    /** Checks the multi-byte sequence starting at {@code i} with lead byte {@code c}; returns the next index. */
    private static int sequence(byte[] b, int i, int c) {
        int len;
        int lo = 0x80;
        int hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            lo = c == 0xE0 ? 0xA0 : 0x80;
            hi = c == 0xED ? 0x9F : 0xBF;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            lo = c == 0xF0 ? 0x90 : 0x80;
            hi = c == 0xF4 ? 0x8F : 0xBF;
        } else {
            throw refuse(b, i, "bytes " + hex(b, i, 1) + " (not a UTF-8 lead byte)");
        }
        if (i + len > b.length) {
            throw refuse(b, i, "bytes " + hex(b, i, b.length - i) + " (truncated UTF-8 sequence)");
        }
        int second = b[i + 1] & 0xFF;
        boolean ok = second >= lo && second <= hi;
        for (int k = 2; ok && k < len; k++) {
            ok = (b[i + k] & 0xC0) == 0x80;
        }
        if (!ok) {
            throw refuse(b, i, "bytes " + hex(b, i, len) + " (not a valid UTF-8 sequence)");
        }
        return i + len;
    }

    private static EventDecodeException refuse(byte[] b, int at, String what) {
        int line = 1;
        int lineStart = 0;
        for (int k = 0; k < at; k++) {
            if (b[k] == '\n') {
                line++;
                lineStart = k + 1;
            }
        }
        return new EventDecodeException(DeadLetterReason.INVALID_UTF8, "record is not valid UTF-8 at byte "
                + Messages.count(at) + " (line " + line + ", column " + (at - lineStart + 1) + "): " + what);
    }

    private static String hex(byte[] b, int from, int len) {
        StringBuilder s = new StringBuilder();
        for (int k = from; k < from + len && k < b.length; k++) {
            s.append(s.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "0x%02X", b[k] & 0xFF));
        }
        return s.toString();
    }
}

package dev.tributary.event;

import java.util.Locale;

/** Small helpers that keep refusal messages short and readable. */
final class Messages {
    /** Values longer than this are cut in messages. */
    static final int MAX_VALUE_CHARS = 60;

    private Messages() {
    }

    /** A count with thousands separators: 1,048,576. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A string value in single quotes, control characters escaped, cut to about 60 chars. */
    static String quote(String s) {
        return "'" + escape(shorten(s)) + "'";
    }

    /** The text itself when short, else its first 57 chars, an ellipsis and the full length. */
    static String shorten(String s) {
        if (s.length() <= MAX_VALUE_CHARS) {
            return s;
        }
        int cut = MAX_VALUE_CHARS - 3;
        if (Character.isHighSurrogate(s.charAt(cut - 1))) {
            cut--;
        }
        return s.substring(0, cut) + "… (" + count(s.length()) + " chars)";
    }

    private static String escape(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                if (b == null) {
                    b = new StringBuilder(s.length() + 8).append(s, 0, i);
                }
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }
}

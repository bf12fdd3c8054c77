package dev.tributary.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV line into fields: on a (possibly multi-character) delimiter, with white space around
 * each field trimmed and RFC 4180 quoting ({@code "a, b"} keeps its delimiter, {@code ""} inside quotes
 * is one quote). A quoted field cannot span lines.
 */
final class CsvLine {
    private static final char QUOTE = '"';

    private CsvLine() {
    }

    static String[] split(String line, String delimiter) throws BadRowException {
        List<String> fields = new ArrayList<>();
        int pos = 0;
        while (true) {
            pos = skipSpace(line, pos, delimiter);
            int end;
            if (pos < line.length() && line.charAt(pos) == QUOTE) {
                StringBuilder field = new StringBuilder();
                end = readQuoted(line, pos + 1, field);
                fields.add(field.toString());
                end = skipSpace(line, end, delimiter);
                if (end < line.length() && !line.startsWith(delimiter, end)) {
                    throw new BadRowException("text after the closing quote of field " + fields.size());
                }
            } else {
                end = line.indexOf(delimiter, pos);
                end = end < 0 ? line.length() : end;
                fields.add(line.substring(pos, end).strip());
            }
            if (end >= line.length()) {
                return fields.toArray(new String[0]);
            }
            pos = end + delimiter.length();
        }
    }

    /** Reads a quoted field from {@code pos}, just after its opening quote; returns the index after the closing one. */
    private static int readQuoted(String line, int pos, StringBuilder field) throws BadRowException {
        int i = pos;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == QUOTE) {
                if (i + 1 < line.length() && line.charAt(i + 1) == QUOTE) {
                    field.append(QUOTE);
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            field.append(c);
            i++;
        }
        throw new BadRowException("unterminated quote starting at character " + pos);
    }

    private static int skipSpace(String line, int pos, String delimiter) {
        int i = pos;
        while (i < line.length() && Character.isWhitespace(line.charAt(i)) && !line.startsWith(delimiter, i)) {
            i++;
        }
        return i;
    }
}

package dev.tributary.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A class histogram of a JVM's live heap, as {@code jcmd <pid> GC.class_histogram} prints it.
 *
 * @param totalBytes   bytes of all live objects; -1 when no histogram could be taken
 * @param bytesByClass bytes per class name, largest first
 * @param text         the histogram as printed
 */
record HeapHistogram(long totalBytes, Map<String, Long> bytesByClass, String text) {
    static final HeapHistogram EMPTY = new HeapHistogram(-1, Map.of(), "");
    /** "   1:         12345        1234567  [B (java.base@17.0.12)". */
    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+(\\S+)", Pattern.MULTILINE);
    /** "Total        123456       12345678". */
    private static final Pattern TOTAL = Pattern.compile("^Total\\s+\\d+\\s+(\\d+)", Pattern.MULTILINE);

    static HeapHistogram parse(String text) {
        Matcher total = TOTAL.matcher(text);
        if (!total.find()) {
            return EMPTY;
        }
        Map<String, Long> byClass = new LinkedHashMap<>();
        Matcher row = ROW.matcher(text);
        while (row.find()) {
            byClass.merge(row.group(2), Long.parseLong(row.group(1)), Long::sum);
        }
        return new HeapHistogram(Long.parseLong(total.group(1)), byClass, text);
    }

    /** The {@code n} classes whose live bytes grew most from {@code before} to this one, with the growth. */
    List<Map.Entry<String, Long>> grownSince(HeapHistogram before, int n) {
        List<Map.Entry<String, Long>> growth = new ArrayList<>();
        bytesByClass.forEach((cls, bytes) -> {
            long delta = bytes - before.bytesByClass.getOrDefault(cls, 0L);
            if (delta > 0) {
                growth.add(Map.entry(cls, delta));
            }
        });
        growth.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()));
        return growth.subList(0, Math.min(n, growth.size()));
    }
}

package dev.tributary.spec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Name rules and spelling help for spec errors. */
final class Names {
    /** Topology names: also the default Kafka Streams application id. */
    static final Pattern TOPOLOGY = Pattern.compile("[A-Za-z0-9._-]+");
    /** Task names: used in topic names and metric keys. */
    static final Pattern TASK = Pattern.compile("[A-Za-z0-9_-]+");
    /** Kafka's legal topic characters (at most 249 of them, and not "." or ".."). */
    static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");

    private static final int MAX_TYPO_DISTANCE = 2;

    private Names() {
    }

    /** An enum constant as written in YAML: lower case, dashes for underscores ({@code shared-bottom}). */
    static String yamlName(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static <E extends Enum<E>> List<String> yamlNames(Class<E> type) {
        List<String> names = new ArrayList<>();
        for (E value : type.getEnumConstants()) {
            names.add(yamlName(value));
        }
        return names;
    }

    /** {@code "; did you mean 'x'?"} when a candidate is close to {@code bad}, else empty. */
    static String suggestion(String bad, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = candidate.equalsIgnoreCase(bad) ? 0 : distance(bad, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        boolean close = best != null && bestDistance <= Math.min(MAX_TYPO_DISTANCE, best.length() / 2);
        return close ? "; did you mean '" + best + "'?" : "";
    }

    /** Levenshtein distance, ignoring case. */
    static int distance(String a, String b) {
        String x = a.toLowerCase(Locale.ROOT);
        String y = b.toLowerCase(Locale.ROOT);
        int[] previous = new int[y.length() + 1];
        int[] current = new int[y.length() + 1];
        for (int j = 0; j <= y.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= x.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= y.length(); j++) {
                int substitute = previous[j - 1] + (x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[y.length()];
    }
}

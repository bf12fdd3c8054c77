package dev.tributary.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** JSON has no NaN: undefined metrics are written as null. */
final class Json {
    private Json() {
    }

    static Map<String, Object> finite(Map<String, Double> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v == null || !Double.isFinite(v) ? null : v));
        return out;
    }
}

package dev.tributary.spec;

/** The records' value checks; each failure names the field and says what it must be. */
final class Require {
    private Require() {
    }

    /** Positive and finite. */
    static double positive(String field, double v) {
        return check(field, v > 0 && Double.isFinite(v), "must be positive", v);
    }

    /** At least 0 and finite. */
    static double nonNegative(String field, double v) {
        return check(field, v >= 0 && Double.isFinite(v), "must be at least 0", v);
    }

    static double unitInterval(String field, double v) {
        return check(field, v >= 0 && v < 1, "must be in [0, 1)", v);
    }

    /** In the open interval (0, 1). */
    static double openUnit(String field, double v) {
        return check(field, v > 0 && v < 1, "must be in (0, 1)", v);
    }

    /** A finite value for which {@code ok} holds, else "{@code <field> <must>, found <v>}". */
    static double that(String field, double v, boolean ok, String must) {
        return check(field, ok && Double.isFinite(v), must, v);
    }

    /** No item twice. */
    static <T> java.util.List<T> distinct(String field, java.util.List<T> items) {
        if (new java.util.HashSet<>(items).size() != items.size()) {
            throw new InvalidFieldException(field, "must not repeat an item", items);
        }
        return items;
    }

    static long atLeast(String field, long v, long min, String must) {
        if (v < min) {
            throw new InvalidFieldException(field, must, v);
        }
        return v;
    }

    private static double check(String field, boolean ok, String must, double v) {
        if (!ok) {
            throw new InvalidFieldException(field, must, format(v));
        }
        return v;
    }

    /** As the YAML reader shows a number: integral values without a fraction. */
    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}

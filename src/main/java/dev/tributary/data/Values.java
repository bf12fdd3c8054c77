package dev.tributary.data;

/** How a field's text becomes a feature value: a finite number is a {@link Double}, anything else a {@link String}. */
final class Values {
    private Values() {
    }

    /** {@code text} as a finite double, or {@code null} when it is not plain decimal notation. */
    static Double parseNumber(String text) {
        if (!looksNumeric(text)) {
            return null;
        }
        try {
            double value = Double.parseDouble(text);
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The feature value of a present field's text. */
    static Object featureValue(String text) {
        Double number = parseNumber(text);
        return number != null ? number : text;
    }

    /**
     * Only digits, signs, a point and an exponent: keeps out what {@link Double#parseDouble} would also
     * take ({@code NaN}, {@code Infinity}, hex, a trailing {@code d} or {@code f}).
     */
    private static boolean looksNumeric(String text) {
        if (text.isEmpty()) {
            return false;
        }
        boolean digit = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c != '+' && c != '-' && c != '.' && c != 'e' && c != 'E') {
                return false;
            }
        }
        return digit;
    }
}

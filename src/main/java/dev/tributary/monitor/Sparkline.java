package dev.tributary.monitor;

/** Unicode block-character bars for a terminal: a series' shape, and a share's size. */
final class Sparkline {
    private static final char[] LEVELS = {'▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'};
    private static final char[] FILL = {' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'};

    private Sparkline() {
    }

    /**
     * The last {@code width} values as one character each, scaled from the smallest (▁) to the largest
     * (█) finite value shown; a flat series is drawn mid-height, an undefined value as a space.
     */
    static String of(double[] values, int width) {
        int from = Math.max(0, values.length - width);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = from; i < values.length; i++) {
            if (Double.isFinite(values[i])) {
                min = Math.min(min, values[i]);
                max = Math.max(max, values[i]);
            }
        }
        StringBuilder sb = new StringBuilder(width);
        for (int i = from; i < values.length; i++) {
            double v = values[i];
            if (!Double.isFinite(v)) {
                sb.append(' ');
            } else if (max - min < 1e-12) {
                sb.append(LEVELS[3]);
            } else {
                int level = (int) Math.round((v - min) / (max - min) * (LEVELS.length - 1));
                sb.append(LEVELS[level]);
            }
        }
        return sb.toString();
    }

    /** A share in [0, 1] as one character on an absolute scale: space for 0, █ for 1. */
    static char share(double share) {
        if (!Double.isFinite(share)) {
            return ' ';
        }
        int level = (int) Math.round(Math.max(0, Math.min(1, share)) * (FILL.length - 1));
        return FILL[level];
    }
}

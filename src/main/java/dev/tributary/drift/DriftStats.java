package dev.tributary.drift;

import java.util.Objects;

/**
 * What a detector knew at the moment it raised a drift: the facts a drift alert publishes.
 *
 * <p>The "before" and "after" parts are the detector's own split of the data it holds at detection
 * (for ADWIN the part it dropped and the window it kept; for Page-Hinkley the observations before and
 * since its change-point estimate; for KSWIN the older and the most recent part of its window).
 *
 * @param detector    the detector's {@link DriftDetector#name() name}
 * @param position    the detector's {@link DriftDetector#position() position} after the update that
 *                    raised the drift (1 = the first observation it ever saw)
 * @param statistic   the detector's test statistic at detection (documented by each detector)
 * @param meanBefore  mean of the observations judged to come before the change
 * @param countBefore how many observations {@code meanBefore} averages
 * @param meanAfter   mean of the observations judged to come after the change
 * @param countAfter  how many observations {@code meanAfter} averages
 */
public record DriftStats(
        String detector,
        long position,
        double statistic,
        double meanBefore,
        long countBefore,
        double meanAfter,
        long countAfter) {

    public DriftStats {
        Objects.requireNonNull(detector, "detector");
        if (position < 1) {
            throw new IllegalArgumentException("position must be at least 1, found " + position);
        }
        if (countBefore < 0 || countAfter < 0) {
            throw new IllegalArgumentException(
                    "counts must be non-negative, found countBefore=" + countBefore + ", countAfter=" + countAfter);
        }
    }
}

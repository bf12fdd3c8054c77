package dev.tributary.drift;

import dev.tributary.util.Stateful;
import java.util.Optional;

/**
 * An online change detector over one numeric signal, such as a 0/1 prediction error or a loss.
 *
 * <p>Call order: construct with a configuration (validated at once), then for each observation call
 * {@link #update(double)} and, right after it, read {@link #driftDetected()}; when it is true,
 * {@link #lastDrift()} holds the {@link DriftStats} for the alert. Detectors adapt by themselves after
 * a detection (each says how), so callers never need {@link #reset()} to keep going; they may call it
 * at any time to forget what was learned. {@link Stateful#writeState} and {@link Stateful#readState}
 * may be called between any two updates; a restored detector continues bit-identically.
 * {@link #copy()} may be called at any time. Not thread-safe.
 *
 * <p>In the style of river's {@code update(x)} / {@code drift_detected} (Montiel et al., "River:
 * machine learning for streaming data in Python", JMLR 2021).
 */
public interface DriftDetector extends Stateful {

    /**
     * Adds one observation.
     *
     * @throws IllegalArgumentException if {@code x} is NaN or infinite
     */
    void update(double x);

    /** True right after the update that detected a drift, false after every other update. */
    boolean driftDetected();

    /** The statistics of the most recent detection (not cleared by later updates), or empty if none yet. */
    Optional<DriftStats> lastDrift();

    /**
     * Forgets every statistic, as if the detector were new, except {@link #position()}, which keeps
     * counting so that alert positions stay comparable along one stream.
     */
    void reset();

    /** Observations seen since this instance was created (across resets); 0 before the first update. */
    long position();

    /** A new detector with the same configuration and fresh state (position 0). */
    DriftDetector copy();

    /** The detector's short name for alerts: "adwin", "page-hinkley" or "kswin". */
    String name();
}

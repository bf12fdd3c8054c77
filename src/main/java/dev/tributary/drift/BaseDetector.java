package dev.tributary.drift;

import java.util.Optional;

/**
 * What every scalar detector here keeps besides its test: its name, the observations seen
 * ({@link #position()}), whether the latest one was a drift and the statistics of the last drift.
 * The subclass's {@code update} counts {@code position}, sets {@code detected} and {@code lastDrift},
 * and writes and reads them with the rest of its state.
 */
abstract class BaseDetector implements DriftDetector {
    private final String name;
    /** Observations since creation (a reset keeps counting). */
    long position;
    /** Whether the latest observation was a drift. */
    boolean detected;
    /** The last drift's statistics, or null. */
    DriftStats lastDrift;

    BaseDetector(String name) {
        this.name = name;
    }

    @Override
    public final boolean driftDetected() {
        return detected;
    }

    @Override
    public final Optional<DriftStats> lastDrift() {
        return Optional.ofNullable(lastDrift);
    }

    @Override
    public final long position() {
        return position;
    }

    @Override
    public final String name() {
        return name;
    }
}

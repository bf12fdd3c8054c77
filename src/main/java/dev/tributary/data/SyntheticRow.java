package dev.tributary.data;

/**
 * One row of a {@link SyntheticStream} with every task's target at once (for tests and benchmarks).
 * The arrays belong to the caller.
 *
 * @param index  0-based row index (also its events' timestamp)
 * @param x      the features {@code x0 .. x<d-1>}
 * @param linear per task, the linear part {@code w_iᵀx} (with any flip applied)
 * @param target per task, {@code y_i}: the linear part plus the sine terms plus noise
 * @param labels per task, the event label: {@code y_i > 0 ? 1 : 0} for binary tasks, {@code y_i} for regression
 * @param id     the row's id (1 .. {@code ids.values}), 0 without an id feature
 */
public record SyntheticRow(long index, double[] x, double[] linear, double[] target, double[] labels, int id) {
}

package dev.tributary.spec;

/** A per-task signal that drift detectors watch. */
public enum DriftSignal {
    /** The prequential error: 0/1 for classification, |error| in target standard deviations for regression. */
    ERROR,
    /** The prequential loss: log-loss, cross-entropy or squared error. */
    LOSS,
    /** The label itself (its mean): a change in the task's base rate or target level. */
    LABEL,
    /** The task's gate: the share each expert receives (families with gates only). */
    GATE
}

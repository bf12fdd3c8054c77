package dev.tributary.spec;

/** What the learner does for a task when a drift alert fires for it. */
public enum ReactionType {
    /** Nothing: the alert is only published. */
    NONE,
    /** Re-initialise the task's tower and zero its optimizer state. */
    RESET_TOWER,
    /** Multiply the learning rate of the task's own parameters by a factor for some batches. */
    BOOST_LR,
    /** Forget GradNorm's reference loss L_t(0) of the task, so that its next loss becomes the reference. */
    REANCHOR_GRADNORM
}

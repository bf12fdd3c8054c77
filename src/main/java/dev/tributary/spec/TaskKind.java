package dev.tributary.spec;

/** What a task predicts, which fixes its output head and loss. */
public enum TaskKind {
    /** 0/1 label; sigmoid output and log-loss. */
    BINARY,
    /** One of {@code classes}; softmax output and cross-entropy. */
    MULTICLASS,
    /** A real number; identity output and squared error on targets standardised online. */
    REGRESSION;

    /** The number of model outputs this kind needs for a task with {@code classes} classes. */
    public int outputs(int classes) {
        return this == MULTICLASS ? classes : 1;
    }
}

package dev.tributary.learner;

/**
 * A snapshot that cannot be restored: unknown format version, corrupt bytes, or written by a learner
 * whose spec has a different layout. Nothing is loaded when this is thrown.
 */
public final class SnapshotException extends RuntimeException {
    public SnapshotException(String message) {
        super(message);
    }

    public SnapshotException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.tributary.data;

/** One row that cannot be used (bad field count, bad label, bad JSON); reading goes on. */
final class BadRowException extends Exception {
    private static final long serialVersionUID = 1L;

    BadRowException(String reason) {
        super(reason, null, false, false);
    }
}

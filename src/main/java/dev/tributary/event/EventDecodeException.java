package dev.tributary.event;

import java.util.Objects;

/**
 * Thrown when an input record cannot become an {@link Event}. {@link #reason()} is the short code for
 * dead-letter records and counters; the message names the field and the offending value (shortened)
 * or the position in the record.
 *
 * <p>Bad records are data, not bugs: a producer may send them at full rate, so this exception does
 * not record a stack trace. The Jackson exception behind a syntax error is kept as the cause.
 */
public final class EventDecodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final DeadLetterReason reason;

    public EventDecodeException(DeadLetterReason reason, String message) {
        this(reason, message, null);
    }

    public EventDecodeException(DeadLetterReason reason, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The machine-friendly code of this refusal. */
    public DeadLetterReason reason() {
        return reason;
    }
}

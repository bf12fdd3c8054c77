package dev.tributary.learner;

/** An event the learner refuses; the message names the event, the field and the bad value. */
public final class InvalidEventException extends IllegalArgumentException {
    public InvalidEventException(String message) {
        super(message);
    }
}

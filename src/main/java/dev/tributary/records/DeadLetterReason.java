package dev.tributary.records;

import dev.tributary.event.DecodeError;

/**
 * Every reason a record can go to the dead-letter topic: the {@code reason} field of a
 * {@link DeadLetter}, one stable code each ({@code docs/wire-formats.md} lists them with their causes).
 * The decoder's refusals ({@link DecodeError}) come first under the same names; then the learner's own
 * checks, and the one refusal that happens on the way out.
 */
public enum DeadLetterReason {
    /** {@link DecodeError#EMPTY_RECORD}. */
    EMPTY_RECORD,
    /** {@link DecodeError#OVERSIZED}: the record is larger than the decoder's limit; a prefix is kept. */
    OVERSIZED,
    /** {@link DecodeError#INVALID_UTF8}. */
    INVALID_UTF8,
    /** {@link DecodeError#MALFORMED_JSON}. */
    MALFORMED_JSON,
    /** {@link DecodeError#NOT_AN_OBJECT}. */
    NOT_AN_OBJECT,
    /** {@link DecodeError#UNKNOWN_FIELD}. */
    UNKNOWN_FIELD,
    /** {@link DecodeError#DUPLICATE_FIELD}. */
    DUPLICATE_FIELD,
    /** {@link DecodeError#MISSING_FEATURES}. */
    MISSING_FEATURES,
    /** {@link DecodeError#FEATURES_NOT_AN_OBJECT}. */
    FEATURES_NOT_AN_OBJECT,
    /** {@link DecodeError#BAD_FEATURE}. */
    BAD_FEATURE,
    /** {@link DecodeError#TOO_MANY_FEATURES}. */
    TOO_MANY_FEATURES,
    /** {@link DecodeError#NON_FINITE}. */
    NON_FINITE,
    /** {@link DecodeError#BAD_LABEL}. */
    BAD_LABEL,
    /** {@link DecodeError#BAD_ID}. */
    BAD_ID,
    /** {@link DecodeError#BAD_TIMESTAMP}. */
    BAD_TIMESTAMP,
    /** Well-formed, but does not fit the topology: a feature of the wrong type, a label outside the task's. */
    INVALID_EVENT,
    /** More undeclared features than {@code tributary.max.unknown.features}: a producer sending another schema. */
    TOO_MANY_UNKNOWN_FEATURES,
    /**
     * The event was learned from, but its prediction would not fit the prediction topic's
     * {@code max.message.bytes} (a huge record key): the dead letter takes the prediction's place.
     */
    OUTPUT_TOO_LARGE;

    /** The reason of a decoder refusal (same name). */
    public static DeadLetterReason of(DecodeError error) {
        return valueOf(error.name());
    }
}

package dev.tributary.event;

/**
 * Every reason a record can go to the dead-letter topic: a short, stable, machine-friendly code that
 * goes into the dead-letter record's {@code reason} and into per-reason counters
 * ({@code docs/wire-formats.md} lists them with their causes). The human detail (which field, which
 * value, where in the record) is in the exception's message. The decoder's refusals come first; then
 * the learner's own checks, and the one refusal that happens on the way out.
 */
public enum DeadLetterReason {
    /** The record has no value (a tombstone), no bytes, or only whitespace. */
    EMPTY_RECORD,
    /** The record is larger than {@link EventLimits#maxRecordBytes()}; refused before parsing. */
    OVERSIZED,
    /** The bytes are not valid UTF-8 (or contain a NUL byte, the sign of UTF-16/UTF-32 text). */
    INVALID_UTF8,
    /** Not well-formed JSON: a syntax error, a truncated record, or content after the event object. */
    MALFORMED_JSON,
    /** Well-formed JSON whose top-level value is not an object (an array, a string, a number, ...). */
    NOT_AN_OBJECT,
    /** A top-level key other than {@code id}, {@code ts}, {@code features}, {@code label}. */
    UNKNOWN_FIELD,
    /** A top-level key or a feature name appears twice in the same object. */
    DUPLICATE_FIELD,
    /** {@code features} is absent or {@code null}. */
    MISSING_FEATURES,
    /** {@code features} is present but is not a JSON object. */
    FEATURES_NOT_AN_OBJECT,
    /** One feature is unusable: an object or array value, an empty or too long name, a too long string. */
    BAD_FEATURE,
    /** More features than {@link EventLimits#maxFeatures()}. */
    TOO_MANY_FEATURES,
    /** A feature value or the label is a number that is not finite (NaN, Infinity, or overflows a double). */
    NON_FINITE,
    /** The label is an object or an array, or a too long string. */
    BAD_LABEL,
    /** The id is not a string or a finite number, or is a too long string. */
    BAD_ID,
    /** The ts is not a non-negative integer that fits in a long. */
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
}

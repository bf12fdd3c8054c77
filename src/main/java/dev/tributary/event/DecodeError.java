package dev.tributary.event;

/**
 * Why an input record was refused: a short, stable, machine-friendly code that goes into the
 * dead-letter record's {@code reason} and into per-reason counters. The human detail (which field,
 * which value, where in the record) is in the exception's message.
 */
public enum DecodeError {
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
    BAD_TIMESTAMP
}

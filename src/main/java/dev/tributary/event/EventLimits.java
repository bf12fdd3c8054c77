package dev.tributary.event;

/**
 * Size limits that {@link EventCodec} enforces on every input record, so that one bad producer cannot
 * make the application allocate without bound. A record that exceeds one is refused with a reason.
 *
 * <p>There is no nesting-depth limit because none is needed: the contract's deepest value sits at
 * depth two ({@code features.name}), and the decoder refuses any object or array it meets below the
 * top level at its opening bracket, before reading what is inside.
 *
 * @param maxRecordBytes  largest record in bytes, checked before parsing (default 1 MiB)
 * @param maxFeatures     most features in one event (default 10,000)
 * @param maxNameLength   longest feature name in chars (default 256)
 * @param maxStringLength longest string value (feature, label or id) in chars (default 4,096)
 */
public record EventLimits(int maxRecordBytes, int maxFeatures, int maxNameLength, int maxStringLength) {

    /** The defaults: 1 MiB records, 10,000 features, 256-char names, 4,096-char strings. */
    public static final EventLimits DEFAULTS = new EventLimits(1 << 20, 10_000, 256, 4_096);

    public EventLimits {
        positive("maxRecordBytes", maxRecordBytes);
        positive("maxFeatures", maxFeatures);
        positive("maxNameLength", maxNameLength);
        positive("maxStringLength", maxStringLength);
    }

    public EventLimits withMaxRecordBytes(int bytes) {
        return new EventLimits(bytes, maxFeatures, maxNameLength, maxStringLength);
    }

    public EventLimits withMaxFeatures(int count) {
        return new EventLimits(maxRecordBytes, count, maxNameLength, maxStringLength);
    }

    public EventLimits withMaxNameLength(int chars) {
        return new EventLimits(maxRecordBytes, maxFeatures, chars, maxStringLength);
    }

    public EventLimits withMaxStringLength(int chars) {
        return new EventLimits(maxRecordBytes, maxFeatures, maxNameLength, chars);
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, found " + value);
        }
    }
}

package dev.tributary.util;

import java.util.function.BiConsumer;

/** A checkpoint written through a {@link PartSink}, read back. */
public interface PartSource {
    /** The named part's bytes, or null when the checkpoint has none. */
    byte[] part(String name);

    /** Every row, each with its key. */
    void rows(BiConsumer<String, byte[]> visitor);
}

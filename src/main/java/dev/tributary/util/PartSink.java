package dev.tributary.util;

/**
 * Where an incremental checkpoint is written: named parts, each replaced whole when it changes, and
 * keyed rows, each written only when it changed (the embedding rows a step touched, the vocabulary
 * entries that changed) and deleted when it is gone. A store writes them in one commit.
 */
public interface PartSink {
    /** The named part's bytes (a store may skip a part whose bytes it already holds). */
    void part(String name, byte[] bytes);

    /** One row's bytes under {@code key}. */
    void row(String key, byte[] bytes);

    /** Deletes the row under {@code key}, if there is one (a vocabulary entry that was freed). */
    void deleteRow(String key);
}

package dev.tributary.spec;

/** A data set file's format; either may be gzipped (a {@code .gz} name). */
public enum DataFormat {
    CSV, JSONL
}

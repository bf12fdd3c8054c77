package dev.tributary.spec;

import java.util.Objects;

/**
 * A topology spec that cannot be read or is invalid. The message names the source (usually the
 * file), the key path ({@code tasks[1].kind}), the bad value and what is allowed, for example
 * {@code topology/adult.yaml: model.experts.count must be at least 1 for family mmoe, found 0}.
 */
public final class SpecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String keyPath;

    /**
     * @param source  where the spec came from, e.g. its file name
     * @param keyPath the offending key path, empty when the problem is not at one key (syntax errors)
     * @param detail  what is wrong, without the source prefix
     */
    public SpecException(String source, String keyPath, String detail) {
        this(source, keyPath, detail, null);
    }

    /** As {@link #SpecException(String, String, String)}, with the library exception that caused it. */
    public SpecException(String source, String keyPath, String detail, Throwable cause) {
        super(Objects.requireNonNull(source, "source") + ": " + Objects.requireNonNull(detail, "detail"), cause);
        this.source = source;
        this.keyPath = Objects.requireNonNull(keyPath, "keyPath");
    }

    /** Where the spec came from, e.g. its file name. */
    public String source() {
        return source;
    }

    /** The offending key path, e.g. {@code tasks[1].kind}; empty for syntax and I/O errors. */
    public String keyPath() {
        return keyPath;
    }
}

package dev.tributary.data;

/**
 * A data file that cannot be read at all: it is missing or unreadable, or its header lacks a column
 * the spec needs. The message names the file and, where there is one, the column. Single bad rows
 * never raise this; {@link DatasetReader} counts and skips them.
 */
public class DatasetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}

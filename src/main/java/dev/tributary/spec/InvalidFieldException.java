package dev.tributary.spec;

/**
 * A spec record refused one of its values: {@code "<field> <must>, found <value>"}. Thrown by the
 * records' own checks, so that a spec built in Java is checked as one read from YAML; the YAML
 * reader turns it into a {@link SpecException} naming the file and the key path.
 */
public final class InvalidFieldException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String must;

    InvalidFieldException(String field, String must, Object found) {
        super(field + " " + must + ", found " + found);
        this.field = field;
        this.must = must;
    }

    /** The field's name as in the YAML section, dotted below it ({@code weights.t1}). */
    public String field() {
        return field;
    }

    /** What the value must be, e.g. "must be positive". */
    public String must() {
        return must;
    }
}

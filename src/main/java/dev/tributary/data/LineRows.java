package dev.tributary.data;

import java.io.IOException;

/** The rows of a line-oriented file: blank lines skipped, each other line parsed into one row. */
abstract class LineRows implements RowSource {
    private final Lines lines;
    private long rows;

    LineRows(Lines lines) {
        this.lines = lines;
    }

    /**
     * The row of one non-blank line.
     *
     * @param index the row's 0-based index among the non-blank lines
     */
    abstract Row parse(String text, long index) throws BadRowException;

    @Override
    public final Row next() throws IOException, BadRowException {
        String text;
        do {
            text = lines.next();
            if (text == null) {
                return null;
            }
        } while (text.isBlank());
        return parse(text, rows++);
    }

    @Override
    public final long line() {
        return lines.line();
    }

    @Override
    public final void close() throws IOException {
        lines.close();
    }
}

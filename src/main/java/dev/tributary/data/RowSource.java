package dev.tributary.data;

import java.io.Closeable;
import java.io.IOException;

/** Rows of one data file, in file order. */
interface RowSource extends Closeable {

    /**
     * The next row, or {@code null} at the end of the file.
     *
     * @throws BadRowException when the next row is unusable; the following call reads on after it
     */
    Row next() throws IOException, BadRowException;

    /** The line number of the last line read (for error messages). */
    long line();
}

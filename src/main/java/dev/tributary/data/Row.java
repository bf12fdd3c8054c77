package dev.tributary.data;

/**
 * One parsed data row: parallel arrays of column names, the raw text of each field ({@code null} when
 * missing) and its typed value ({@link Double}, {@link String} or {@code null}).
 *
 * @param line    1-based line number in the file
 * @param index   0-based index of the row among the file's data rows (blank lines are not rows)
 * @param columns the column names (shared between rows of a CSV file)
 * @param texts   raw field text after trimming and unquoting, {@code null} when missing
 * @param values  typed field value, {@code null} when missing
 */
record Row(long line, long index, String[] columns, String[] texts, Object[] values) {

    /** The position of {@code column} in this row, or -1. */
    int indexOf(String column) {
        for (int i = 0; i < columns.length; i++) {
            if (columns[i].equals(column)) {
                return i;
            }
        }
        return -1;
    }
}

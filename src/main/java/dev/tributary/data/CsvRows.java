package dev.tributary.data;

import dev.tributary.spec.DatasetSpec;
import dev.tributary.spec.DataFile;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/** The rows of a CSV file: {@code skip} lines dropped, then a header line or the spec's column names. */
final class CsvRows extends LineRows {
    private final String delimiter;
    private final Set<String> missing;
    private final String[] columns;

    private CsvRows(Lines lines, String delimiter, Set<String> missing, String[] columns) {
        super(lines);
        this.delimiter = delimiter;
        this.missing = missing;
        this.columns = columns;
    }

    /** Opens the file and reads past the skipped lines and the header. */
    static CsvRows open(DataFile file, DatasetSpec dataset) {
        if (dataset.delimiter().isEmpty()) {
            throw new DatasetException("dataset delimiter must not be empty (reading " + file.path() + ")");
        }
        Lines lines = Lines.open(file.path());
        try {
            for (int i = 0; i < file.skip(); i++) {
                lines.next();
            }
            String[] columns = dataset.header()
                    ? readHeader(lines, dataset.delimiter(), file)
                    : dataset.columns().toArray(new String[0]);
            if (columns.length == 0) {
                throw new DatasetException("data file " + file.path() + " has no header and the dataset lists no columns");
            }
            requireUnique(columns, file);
            return new CsvRows(lines, dataset.delimiter(), dataset.missing(), columns);
        } catch (IOException e) {
            closeQuietly(lines);
            throw new DatasetException("cannot read data file " + file.path() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(lines);
            throw e;
        }
    }

    String[] columns() {
        return columns.clone();
    }

    @Override
    Row parse(String text, long index) throws BadRowException {
        String[] fields = CsvLine.split(text, delimiter);
        if (fields.length != columns.length) {
            throw new BadRowException("expected " + columns.length + " fields, found " + fields.length);
        }
        Object[] values = new Object[fields.length];
        for (int i = 0; i < fields.length; i++) {
            if (missing.contains(fields[i])) {
                fields[i] = null;
            } else {
                values[i] = Values.featureValue(fields[i]);
            }
        }
        return new Row(line(), index, columns, fields, values);
    }

    private static String[] readHeader(Lines lines, String delimiter, DataFile file) throws IOException {
        String text = lines.next();
        if (text == null) {
            throw new DatasetException("data file " + file.path() + " ends before its header line");
        }
        try {
            return CsvLine.split(text, delimiter);
        } catch (BadRowException e) {
            throw new DatasetException("data file " + file.path() + " line " + lines.line()
                    + ": bad header: " + e.getMessage(), e);
        }
    }

    private static void requireUnique(String[] columns, DataFile file) {
        Set<String> seen = new HashSet<>();
        for (String column : columns) {
            if (column.isEmpty()) {
                throw new DatasetException("data file " + file.path() + " has an empty column name");
            }
            if (!seen.add(column)) {
                throw new DatasetException("data file " + file.path() + " names column '" + column + "' twice");
            }
        }
    }

    private static void closeQuietly(Lines lines) {
        try {
            lines.close();
        } catch (IOException suppressed) {
            // already failing with a clearer error
        }
    }
}

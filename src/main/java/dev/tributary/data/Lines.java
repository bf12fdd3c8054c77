package dev.tributary.data;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The lines of a UTF-8 text file, gunzipped when its name ends in {@code .gz}: LF, CRLF and CR all end
 * a line, and a leading byte-order mark is dropped. Counts lines so that errors can name them.
 */
final class Lines implements Closeable {
    private static final char BOM = '\uFEFF';
    private static final int BUFFER = 1 << 16;

    private final BufferedReader reader;
    private long line;

    private Lines(BufferedReader reader) {
        this.reader = reader;
    }

    /** Opens {@code path}; a missing or unreadable file is a {@link DatasetException} naming it. */
    static Lines open(Path path) {
        InputStream in = null;
        try {
            in = Files.newInputStream(path);
            if (path.getFileName().toString().endsWith(".gz")) {
                in = new GZIPInputStream(in, BUFFER);
            }
            return new Lines(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), BUFFER));
        } catch (NoSuchFileException e) {
            closeQuietly(in);
            throw new DatasetException("data file " + path + " does not exist", e);
        } catch (IOException e) {
            closeQuietly(in);
            throw new DatasetException("cannot open data file " + path + ": " + e.getMessage(), e);
        }
    }

    /** The next line without its terminator, or {@code null} at the end. */
    String next() throws IOException {
        String text = reader.readLine();
        if (text == null) {
            return null;
        }
        line++;
        if (line == 1 && !text.isEmpty() && text.charAt(0) == BOM) {
            text = text.substring(1);
        }
        return text;
    }

    /** The 1-based number of the last line returned, 0 before the first. */
    long line() {
        return line;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException suppressed) {
                // already failing with a clearer error
            }
        }
    }
}

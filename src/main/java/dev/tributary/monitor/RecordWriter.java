package dev.tributary.monitor;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes monitoring records to a JSON Lines recording (see {@link RecordFiles}), one per line as
 * received. A record's own line breaks (legal whitespace in JSON) are replaced by spaces so that it
 * stays on one line. Lifecycle: {@link RecordFiles#create} → {@link #write}… ({@link #flush} at will)
 * → {@link #close}, which a gzip recording needs to be complete. Thread-safe.
 */
public final class RecordWriter implements AutoCloseable {
    private final Path file;
    private final OutputStream out;
    private long written;
    private boolean closed;

    RecordWriter(Path file) {
        this.file = file;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
            this.out = file.getFileName().toString().endsWith(".gz") ? new GZIPOutputStream(raw, 1 << 16, true) : raw;
        } catch (IOException e) {
            throw new IllegalArgumentException("could not create recording " + file + ": " + e.getMessage(), e);
        }
    }

    /** Appends one record (UTF-8 JSON). */
    public synchronized void write(byte[] json) {
        if (closed) {
            throw new IllegalStateException("recording " + file + " is closed");
        }
        byte[] line = json.clone();
        for (int i = 0; i < line.length; i++) {
            if (line[i] == '\n' || line[i] == '\r') {
                line[i] = ' ';
            }
        }
        try {
            out.write(line);
            out.write('\n');
            written++;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write to recording " + file, e);
        }
    }

    /** Pushes what was written so far to the file. */
    public synchronized void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write to recording " + file, e);
        }
    }

    /** Records written. */
    public synchronized long written() {
        return written;
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not finish recording " + file, e);
        }
    }
}

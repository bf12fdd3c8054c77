package dev.tributary.monitor;

import dev.tributary.records.MonitorRecords;
import dev.tributary.records.MonitorRecord;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Recordings of monitoring records: JSON Lines, one record per line, UTF-8, gzip-compressed when the
 * file name ends in {@code .gz} (on reading, gzip is recognised by its magic bytes whatever the name).
 * Written by {@code tributary watch --record} and {@code report --save-records}, read by
 * {@code tributary report --from FILE}.
 */
public final class RecordFiles {
    /** Malformed lines whose errors {@link Result#errors()} keeps. */
    static final int ERRORS_KEPT = 10;

    private RecordFiles() {
    }

    /**
     * What a read found.
     *
     * @param lines     non-blank lines read
     * @param records   lines parsed into records (of any type)
     * @param malformed lines that could not be parsed
     * @param errors    the first {@value #ERRORS_KEPT} of them: {@code "FILE:LINE: reason"}
     */
    public record Result(long lines, long records, long malformed, List<String> errors) {
        public Result {
            errors = List.copyOf(errors);
        }
    }

    /**
     * Reads every line of {@code file} into {@code sink}, in order. Blank lines are skipped; a line
     * that is not a valid record is counted and named in the result, and reading goes on.
     *
     * @throws IllegalArgumentException if the file does not exist or cannot be read
     */
    public static Result read(Path file, Consumer<MonitorRecord> sink) {
        Objects.requireNonNull(sink, "sink");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such file: " + file);
        }
        long lines = 0;
        long records = 0;
        long malformed = 0;
        List<String> errors = new ArrayList<>();
        long number = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(open(file), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                lines++;
                MonitorRecord r;
                try {
                    r = MonitorRecords.parse(line);
                } catch (IllegalArgumentException e) {
                    malformed++;
                    if (errors.size() < ERRORS_KEPT) {
                        errors.add(file + ":" + number + ": " + e.getMessage());
                    }
                    continue;
                }
                records++;
                sink.accept(r);
            }
        } catch (EOFException e) {
            // A gzip recording that was not closed (the recorder was killed): keep what is readable.
            malformed++;
            errors.add(file + ":" + (number + 1) + ": the gzip stream ends early (a recording that was not closed)");
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("could not read " + file + ": " + e.getMessage(), e);
        }
        return new Result(lines, records, malformed, errors);
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
    }

    /** Opens {@code file} for writing records, replacing it; gzip when its name ends in {@code .gz}. */
    public static RecordWriter create(Path file) {
        return new RecordWriter(file);
    }
}

package dev.tributary.spec;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A data file and how many leading lines to skip (beyond a header line, if the data set has one).
 *
 * @param path resolved against the spec file's folder
 * @param skip leading lines to skip
 */
public record DataFile(Path path, int skip) {
    public DataFile {
        Objects.requireNonNull(path, "path");
        Require.atLeast("skip", skip, 0, "must be at least 0");
    }
}

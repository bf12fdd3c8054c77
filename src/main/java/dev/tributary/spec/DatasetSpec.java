package dev.tributary.spec;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How a CSV or JSONL data set maps to per-task events: which columns are features and which column
 * labels each task. Every row becomes one event per task whose label is present in that row.
 *
 * @param format    CSV or JSONL
 * @param train     the training stream, may be {@code null}
 * @param test      held-out rows evaluated with the model frozen, may be {@code null}
 * @param header    CSV: the first line (after {@code skip}) names the columns
 * @param columns   CSV without header: the column names in order
 * @param delimiter CSV field separator (surrounding white space is trimmed)
 * @param missing   values that mean "missing" (e.g. {@code ?}, {@code NA}, empty)
 * @param labels    task name to label source
 * @param exclude   task name to columns kept out of that task's events' features (besides its label)
 * @param timestamp optional column holding event time in epoch ms, may be {@code null}
 */
public record DatasetSpec(DataFormat format, DataFile train, DataFile test, boolean header, List<String> columns,
                          String delimiter, Set<String> missing, Map<String, LabelSpec> labels,
                          Map<String, List<String>> exclude, String timestamp) {
    public DatasetSpec {
        Objects.requireNonNull(format, "format");
        columns = List.copyOf(columns);
        Objects.requireNonNull(delimiter, "delimiter");
        if (delimiter.length() != 1 || "\"\r\n".indexOf(delimiter.charAt(0)) >= 0) {
            throw new InvalidFieldException("delimiter", "must be a single character other than a quote or a line"
                    + " break", "'" + delimiter + "'");
        }
        missing = Set.copyOf(missing);
        labels = Map.copyOf(labels);
        exclude = Map.copyOf(exclude);
    }
}

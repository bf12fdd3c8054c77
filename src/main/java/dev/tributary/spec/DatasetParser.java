package dev.tributary.spec;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads the {@code dataset} section and checks it against the declared tasks and features. */
final class DatasetParser {
    static final List<String> DEFAULT_MISSING = List.of("", "NA", "?");

    private DatasetParser() {
    }

    static DatasetSpec parse(YamlNode node, List<TaskSpec> tasks, List<FeatureSpec> features, Path baseDir) {
        node.mapping("format", "train", "test", "header", "columns", "delimiter", "missing", "timestamp", "labels",
                "exclude");
        DataFile train = dataFile(node.get("train"), baseDir);
        DataFile test = dataFile(node.get("test"), baseDir);
        if (train == null && test == null) {
            throw node.error("must give train or test (or both), found neither");
        }
        DataFormat format = format(node);
        boolean csv = format == DataFormat.CSV;
        for (String csvOnly : List.of("header", "columns", "delimiter")) {
            if (!csv && node.get(csvOnly).isPresent()) {
                throw node.get(csvOnly).error("must be absent for format jsonl (it applies to csv only)");
            }
        }
        boolean header = node.get("header").bool(true);
        List<String> columns = columns(node.get("columns"), csv, header);
        String delimiter = delimiter(node.get("delimiter"));
        YamlNode missingNode = node.get("missing");
        List<String> missing = missingNode.isPresent() ? missingNode.distinctStrings(true) : DEFAULT_MISSING;
        YamlNode timestampNode = node.get("timestamp");
        String timestamp = timestampNode.isPresent() ? timestampNode.string() : null;
        if (timestamp != null) {
            requireColumn(timestampNode, timestamp, columns);
        }
        Map<String, LabelSpec> labels = labels(node.get("labels"), tasks, columns);
        requireNoFeatureIsLabelOrTime(node, labels, timestamp, features);
        Map<String, List<String>> exclude = exclude(node.get("exclude"), tasks, features);
        requireFeatureColumns(node.get("columns"), features, columns);
        return new DatasetSpec(format, train, test, header, columns, delimiter, Set.copyOf(missing), labels, exclude,
                timestamp);
    }

    /** A path, or {@code {path: ..., skip: n}}; relative paths resolve against {@code baseDir}. */
    private static DataFile dataFile(YamlNode node, Path baseDir) {
        if (!node.isPresent()) {
            return null;
        }
        YamlNode pathNode = node;
        int skip = 0;
        if (node.isMapping()) {
            node.mapping("path", "skip");
            pathNode = node.require("path");
            YamlNode skipNode = node.get("skip");
            skip = skipNode.integer(0);
            skipNode.check(skip >= 0, "must be at least 0");
        }
        String text = pathNode.string();
        pathNode.check(!text.isBlank(), "must be a file path");
        try {
            return new DataFile(baseDir.resolve(Path.of(text)).normalize(), skip);
        } catch (InvalidPathException e) {
            throw pathNode.invalid("must be a valid file path (" + e.getReason() + ")");
        }
    }

    /** The given format, or the one the train/test file names imply. */
    private static DataFormat format(YamlNode node) {
        YamlNode formatNode = node.get("format");
        if (formatNode.isPresent()) {
            return formatNode.choice(DataFormat.class);
        }
        DataFormat inferred = null;
        for (String key : List.of("train", "test")) {
            YamlNode file = node.get(key);
            if (!file.isPresent()) {
                continue;
            }
            String name = (file.isMapping() ? file.get("path") : file).string();
            DataFormat implied = implied(name);
            if (implied == null) {
                throw formatNode.fail(formatNode.path() + " is required: it cannot be inferred from " + file.path()
                        + " '" + name + "' (.csv and .csv.gz mean csv; .jsonl, .jsonl.gz and .json.gz mean jsonl)");
            }
            if (inferred != null && inferred != implied) {
                throw formatNode.fail(formatNode.path() + " is required: train and test file names imply different "
                        + "formats (" + Names.yamlName(inferred) + " and " + Names.yamlName(implied) + ")");
            }
            inferred = implied;
        }
        return inferred;
    }

    static DataFormat implied(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv") || name.endsWith(".csv.gz")) {
            return DataFormat.CSV;
        }
        if (name.endsWith(".jsonl") || name.endsWith(".jsonl.gz") || name.endsWith(".json.gz")) {
            return DataFormat.JSONL;
        }
        return null;
    }

    private static List<String> columns(YamlNode node, boolean csv, boolean header) {
        if (!csv || header) {
            if (node.isPresent()) {
                throw node.error("must be absent when header is true (the header line names the columns)");
            }
            return List.of();
        }
        if (!node.isPresent()) {
            throw node.error("is required for csv when header is false: list the column names in order");
        }
        List<String> columns = node.distinctStrings(false);
        node.check(!columns.isEmpty(), "must list at least one column");
        return columns;
    }

    private static String delimiter(YamlNode node) {
        String delimiter = node.string(",");
        node.check(delimiter.length() == 1 && "\"\r\n".indexOf(delimiter.charAt(0)) < 0,
                "must be a single character other than a quote or a line break");
        return delimiter;
    }

    private static Map<String, LabelSpec> labels(YamlNode node, List<TaskSpec> tasks, List<String> columns) {
        if (!node.isPresent()) {
            throw node.error("is required: map every task to its label column, e.g. {" + tasks.get(0).name()
                    + ": {column: <column>}}");
        }
        Map<String, LabelSpec> labels = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> entry : node.entries()) {
            TrainingParser.requireTask(node, entry.getKey(), tasks);
            TaskSpec task = tasks.get(tasks.stream().map(TaskSpec::name).toList().indexOf(entry.getKey()));
            labels.put(task.name(), label(entry.getValue(), task, columns));
        }
        for (TaskSpec task : tasks) {
            if (!labels.containsKey(task.name())) {
                throw node.error("has no entry for task '" + task.name() + "'; every task needs a label column");
            }
        }
        return labels;
    }

    /** {@code {column: c, positive: [...]}}, or just the column name. */
    private static LabelSpec label(YamlNode node, TaskSpec task, List<String> columns) {
        YamlNode columnNode = node;
        Set<String> positive = Set.of();
        if (node.isMapping()) {
            node.mapping("column", "positive");
            columnNode = node.require("column");
            YamlNode positiveNode = node.get("positive");
            if (positiveNode.isPresent() && task.kind() != TaskKind.BINARY) {
                throw positiveNode.error("must be absent for task '" + task.name() + "' of kind "
                        + Names.yamlName(task.kind()) + " (only binary labels have positive values)");
            }
            positive = new LinkedHashSet<>(positiveNode.distinctStrings(true));
            if (positiveNode.isPresent() && positive.isEmpty()) {
                throw positiveNode.invalid("must list at least one value (or be left out for 0/1 labels)");
            }
        }
        String column = columnNode.string();
        requireColumn(columnNode, column, columns);
        return new LabelSpec(column, positive);
    }

    private static Map<String, List<String>> exclude(YamlNode node, List<TaskSpec> tasks, List<FeatureSpec> features) {
        List<String> names = features.stream().map(FeatureSpec::name).toList();
        Map<String, List<String>> exclude = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> entry : node.entries()) {
            TrainingParser.requireTask(node, entry.getKey(), tasks);
            List<String> excluded = entry.getValue().distinctStrings(false);
            List<YamlNode> items = entry.getValue().list();
            for (int i = 0; i < excluded.size(); i++) {
                if (!names.contains(excluded.get(i))) {
                    throw items.get(i).invalid("must name a declared feature",
                            Names.suggestion(excluded.get(i), names));
                }
            }
            exclude.put(entry.getKey(), excluded);
        }
        return exclude;
    }

    private static void requireColumn(YamlNode node, String column, List<String> columns) {
        if (!columns.isEmpty() && !columns.contains(column)) {
            throw node.invalid("must be one of dataset.columns (" + String.join(", ", columns) + ")",
                    Names.suggestion(column, columns));
        }
    }

    /**
     * A label column is never a feature of any task's events (a live event does not carry the other tasks'
     * labels), nor is the timestamp column: declaring one as a feature would declare an input that never
     * arrives.
     */
    private static void requireNoFeatureIsLabelOrTime(YamlNode node, Map<String, LabelSpec> labels, String timestamp,
                                                      List<FeatureSpec> features) {
        List<String> names = features.stream().map(FeatureSpec::name).toList();
        for (Map.Entry<String, LabelSpec> label : labels.entrySet()) {
            String column = label.getValue().column();
            if (names.contains(column)) {
                YamlNode labelNode = node.get("labels").get(label.getKey());
                throw labelNode.fail(labelNode.path() + " uses column '" + column + "', which is also declared as a "
                        + "feature; a label column is never a feature of any task's events (live events do not carry "
                        + "other tasks' labels), so remove '" + column + "' from features");
            }
        }
        if (timestamp != null && names.contains(timestamp)) {
            throw node.get("timestamp").fail(node.get("timestamp").path() + " '" + timestamp + "' is also declared as "
                    + "a feature; the timestamp column is never a feature, so remove it from features");
        }
    }

    /** With explicit columns, a declared feature that is not a column is a typo. */
    private static void requireFeatureColumns(YamlNode columnsNode, List<FeatureSpec> features, List<String> columns) {
        if (columns.isEmpty()) {
            return;
        }
        for (FeatureSpec feature : features) {
            if (!columns.contains(feature.name())) {
                throw columnsNode.fail(columnsNode.path() + " must contain every declared feature, found no column '"
                        + feature.name() + "' among " + String.join(", ", columns)
                        + Names.suggestion(feature.name(), columns));
            }
        }
    }
}

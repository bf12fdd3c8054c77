package dev.tributary.data;

import dev.tributary.event.Event;
import dev.tributary.spec.DataFile;
import dev.tributary.spec.DataFormat;
import dev.tributary.spec.DatasetSpec;
import dev.tributary.spec.LabelSpec;
import dev.tributary.spec.TaskSpec;
import dev.tributary.spec.TopologySpec;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Streams a CSV or JSON-lines data file (gunzipped when its name ends in {@code .gz}) as per-task
 * {@link Event}s, as the spec's {@code dataset} section maps it. The file is read a line at a time and
 * never held in memory.
 *
 * <p>Each row yields one event for each task whose label is present in that row, in task order. The
 * events of a row share the id {@code <file name>:<line number>} and a timestamp: the {@code timestamp}
 * column's value (epoch ms) when one is configured, else the row's 0-based index among the file's data
 * rows. A task's features are every column except the label columns (of every task), the timestamp
 * column and its {@code exclude} list;
 * a field listed as {@code missing} is a {@code null} feature and, in a label column, means no event for
 * that task (counted by {@link #missingLabels()}). A CSV field that reads as a finite number is a
 * {@link Double}, any other a {@link String}; JSON keeps its own types.
 *
 * <p>Labels: binary with {@code positive} values is 1.0 for those and 0.0 otherwise; binary without is
 * the number 0 or 1; regression is a {@link Double}; multiclass is the class name as a {@link String}.
 *
 * <p>A bad row (wrong field count, bad label, bad timestamp, bad JSON) is skipped and counted, and the
 * first {@value #MAX_ERRORS} reasons are kept with their line numbers. A file that cannot be used at all
 * (missing, or its header lacks a column the spec names) raises a {@link DatasetException} naming the
 * file and the column.
 *
 * <p>Lifecycle: {@link #open} → {@link #hasNext}/{@link #next} (or {@link #stream}) → {@link #close}.
 * The file closes itself at its end; {@code close} may be called at any time and more than once. Not
 * thread-safe.
 */
public final class DatasetReader implements Iterator<Event>, Closeable {
    /** How many bad-row reasons {@link #firstErrors()} keeps. */
    public static final int MAX_ERRORS = 10;

    private final String fileName;
    private final RowSource rows;
    private final List<TaskMapping> tasks;
    private final String timestampColumn;
    private final ArrayDeque<Event> pending = new ArrayDeque<>();
    private final long[] missingLabels;
    private final List<String> errors = new ArrayList<>();
    private long rowCount;
    private long badRows;
    private boolean closed;
    /** While checking: every column name seen; null otherwise. */
    private java.util.Set<String> columnsSeen;
    private String[] lastColumns;

    private DatasetReader(String fileName, RowSource rows, List<TaskMapping> tasks, String timestampColumn) {
        this.fileName = fileName;
        this.rows = rows;
        this.tasks = tasks;
        this.timestampColumn = timestampColumn;
        this.missingLabels = new long[tasks.size()];
    }

    /**
     * Opens {@code file} of {@code spec}'s data set, mapped onto {@code spec}'s tasks, after reading its
     * first {@value #CHECKED_ROWS} rows to refuse a mapping that cannot be right: a declared feature
     * that is no column of the file (for JSON lines: a key of none of those rows) or is a label or the
     * timestamp column, or a binary task whose {@code positive} values match none of its labels there.
     */
    public static DatasetReader open(TopologySpec spec, DataFile file) {
        Objects.requireNonNull(spec, "spec");
        if (spec.dataset() == null) {
            throw new DatasetException("topology '" + spec.name() + "' has no dataset section");
        }
        try (DatasetReader scan = open(spec.tasks(), spec.dataset(), file)) {
            scan.columnsSeen = new java.util.LinkedHashSet<>();
            scan.check(spec, CHECKED_ROWS);
        }
        return open(spec.tasks(), spec.dataset(), file);
    }

    /** Rows that {@link #open(TopologySpec, DataFile)} reads first to check the mapping. */
    public static final int CHECKED_ROWS = 10_000;

    private void check(TopologySpec spec, int maxRows) {
        long[] labelled = new long[tasks.size()];
        while (rowCount < maxRows && hasNext()) {
            Event e = next();
            for (int t = 0; t < tasks.size(); t++) {
                if (tasks.get(t).taskName().equals(e.task())) {
                    labelled[t]++;
                }
            }
        }
        String where = "the first " + rowCount + " rows of " + fileName;
        for (var f : spec.features()) {
            if (rowCount > badRows && !columnsSeen.contains(f.name())) {
                throw new DatasetException("topology feature '" + f.name() + "' is not a column of data file "
                        + fileName + (rows instanceof JsonlRows ? " (a key of none of " + where + ")" : "")
                        + "; its columns are " + columnsSeen);
            }
        }
        for (int t = 0; t < tasks.size(); t++) {
            tasks.get(t).requirePositivesSeen(labelled[t], where);
        }
    }

    /** Opens {@code file} of {@code dataset}, mapped onto {@code tasks}. */
    public static DatasetReader open(List<TaskSpec> tasks, DatasetSpec dataset, DataFile file) {
        Objects.requireNonNull(tasks, "tasks");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(file, "file");
        List<TaskMapping> mappings = mappings(tasks, dataset);
        if (dataset.format() == DataFormat.JSONL) {
            return new DatasetReader(fileName(file), new JsonlRows(Lines.open(file.path()), dataset.missing()),
                    mappings, dataset.timestamp());
        }
        CsvRows csv = CsvRows.open(file, dataset);
        try {
            requireColumns(file, csv.columns(), mappings, dataset);
        } catch (DatasetException e) {
            closeQuietly(csv);
            throw e;
        }
        return new DatasetReader(fileName(file), csv, mappings, dataset.timestamp());
    }

    @Override
    public boolean hasNext() {
        while (pending.isEmpty() && !closed) {
            readRow();
        }
        return !pending.isEmpty();
    }

    @Override
    public Event next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more events in " + fileName);
        }
        return pending.poll();
    }

    /** The remaining events as a sequential stream; closing the stream closes the file. */
    public Stream<Event> stream() {
        Spliterator<Event> split = Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL);
        return StreamSupport.stream(split, false).onClose(this::close);
    }

    /** Data rows read so far, good and bad (blank lines, skipped lines and the header are not rows). */
    public long rows() {
        return rowCount;
    }

    /** Rows skipped as unusable so far. */
    public long badRows() {
        return badRows;
    }

    /** The reasons of the first {@value #MAX_ERRORS} bad rows, each as {@code <file>:<line>: <why>}. */
    public List<String> firstErrors() {
        return List.copyOf(errors);
    }

    /** Per task, in task order: good rows whose label for that task was missing (so no event). */
    public Map<String, Long> missingLabels() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int t = 0; t < tasks.size(); t++) {
            counts.put(tasks.get(t).taskName(), missingLabels[t]);
        }
        return Collections.unmodifiableMap(counts);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        pending.clear();
        try {
            rows.close();
        } catch (IOException e) {
            throw new DatasetException("cannot close data file " + fileName + ": " + e.getMessage(), e);
        }
    }

    private void readRow() {
        Row row;
        try {
            row = rows.next();
        } catch (BadRowException e) {
            rowCount++;
            recordBad(rows.line(), e.getMessage());
            return;
        } catch (IOException e) {
            close();
            throw new DatasetException("cannot read data file " + fileName + " after line " + rows.line()
                    + ": " + e.getMessage(), e);
        }
        if (row == null) {
            close();
            return;
        }
        rowCount++;
        if (columnsSeen != null && row.columns() != lastColumns) {
            lastColumns = row.columns();
            columnsSeen.addAll(Arrays.asList(lastColumns));
        }
        try {
            emit(row);
        } catch (BadRowException e) {
            recordBad(row.line(), e.getMessage());
        }
    }

    /** Queues the row's events; all labels and the timestamp are checked before any event is queued. */
    private void emit(Row row) throws BadRowException {
        Object[] labels = new Object[tasks.size()];
        for (int t = 0; t < labels.length; t++) {
            labels[t] = tasks.get(t).label(row);
        }
        long timestamp = timestamp(row);
        String id = fileName + ":" + row.line();
        for (int t = 0; t < labels.length; t++) {
            TaskMapping task = tasks.get(t);
            if (labels[t] == null) {
                missingLabels[t]++;
            } else {
                pending.add(new Event(task.taskName(), id, timestamp, task.features(row), labels[t]));
            }
        }
    }

    private long timestamp(Row row) throws BadRowException {
        if (timestampColumn == null) {
            return row.index();
        }
        int i = row.indexOf(timestampColumn);
        String text = i < 0 ? null : row.texts()[i];
        if (text == null) {
            throw new BadRowException("timestamp column '" + timestampColumn + "' is missing");
        }
        Double number = Values.parseNumber(text);
        if (number == null || number != Math.rint(number) || Math.abs(number) > 0x1p53) {
            throw new BadRowException("timestamp '" + text + "' in column '" + timestampColumn
                    + "' is not a whole number of epoch milliseconds");
        }
        return number.longValue();
    }

    private void recordBad(long line, String why) {
        badRows++;
        if (errors.size() < MAX_ERRORS) {
            errors.add(fileName + ":" + line + ": " + why);
        }
    }

    private static List<TaskMapping> mappings(List<TaskSpec> tasks, DatasetSpec dataset) {
        for (String name : dataset.labels().keySet()) {
            if (tasks.stream().noneMatch(t -> t.name().equals(name))) {
                throw new DatasetException("dataset labels name task '" + name + "', which the topology lacks");
            }
        }
        // Another task's label is never a feature: a live event of one task does not carry the others'
        // labels, so a model that learned from them could not be used. Nor is the timestamp column.
        List<String> neverFeatures = new ArrayList<>();
        dataset.labels().values().forEach(l -> neverFeatures.add(l.column()));
        if (dataset.timestamp() != null) {
            neverFeatures.add(dataset.timestamp());
        }
        List<TaskMapping> mappings = new ArrayList<>();
        for (TaskSpec task : tasks) {
            LabelSpec label = dataset.labels().get(task.name());
            if (label != null) {
                List<String> exclude = new ArrayList<>(dataset.exclude().getOrDefault(task.name(), List.of()));
                exclude.addAll(neverFeatures);
                mappings.add(new TaskMapping(task, label, exclude));
            }
        }
        return List.copyOf(mappings);
    }

    private static void requireColumns(DataFile file, String[] columns, List<TaskMapping> tasks, DatasetSpec dataset) {
        List<String> known = Arrays.asList(columns);
        for (TaskMapping task : tasks) {
            requireColumn(file, known, task.labelColumn(), "the label of task '" + task.taskName() + "'");
            for (String excluded : dataset.exclude().getOrDefault(task.taskName(), List.of())) {
                requireColumn(file, known, excluded, "excluded from task '" + task.taskName() + "'");
            }
        }
        if (dataset.timestamp() != null) {
            requireColumn(file, known, dataset.timestamp(), "the timestamp");
        }
    }

    private static void requireColumn(DataFile file, List<String> known, String column, String role) {
        if (!known.contains(column)) {
            throw new DatasetException("data file " + file.path() + " has no column '" + column + "' (" + role
                    + "); its columns are " + known);
        }
    }

    private static String fileName(DataFile file) {
        return file.path().getFileName().toString();
    }

    private static void closeQuietly(RowSource rows) {
        try {
            rows.close();
        } catch (IOException suppressed) {
            // already failing with a clearer error
        }
    }
}

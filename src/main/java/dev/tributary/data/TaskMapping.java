package dev.tributary.data;

import dev.tributary.spec.LabelSpec;
import dev.tributary.spec.TaskKind;
import dev.tributary.spec.TaskSpec;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How a row becomes one task's event: which column is its label and how its text converts, and which
 * columns are its features (all but its own label column and its exclusions).
 */
final class TaskMapping {
    private final TaskSpec task;
    private final LabelSpec label;
    private final Set<String> excluded;
    private String[] planColumns;
    private int labelIndex;
    private boolean[] isFeature;
    /** How many labels matched a {@code positive} value, and the first distinct label texts seen. */
    private long positives;
    private final Set<String> labelTexts = new java.util.LinkedHashSet<>();
    private static final int MAX_LABEL_TEXTS = 10;

    TaskMapping(TaskSpec task, LabelSpec label, List<String> exclude) {
        this.task = Objects.requireNonNull(task, "task");
        this.label = Objects.requireNonNull(label, "label");
        Set<String> out = new HashSet<>(exclude);
        out.add(label.column());
        this.excluded = Set.copyOf(out);
    }

    String taskName() {
        return task.name();
    }

    String labelColumn() {
        return label.column();
    }

    /** The task's label in {@code row}, or {@code null} when the label field is missing or absent. */
    Object label(Row row) throws BadRowException {
        plan(row.columns());
        String text = labelIndex < 0 ? null : row.texts()[labelIndex];
        return text == null ? null : convert(text);
    }

    /** The task's features in {@code row}, in column order; a missing field maps to {@code null}. */
    Map<String, Object> features(Row row) {
        plan(row.columns());
        Map<String, Object> features = new LinkedHashMap<>();
        Object[] values = row.values();
        for (int i = 0; i < values.length; i++) {
            if (isFeature[i]) {
                features.put(planColumns[i], values[i]);
            }
        }
        return Collections.unmodifiableMap(features);
    }

    /** Finds the label and feature columns once per column layout (CSV rows share one). */
    private void plan(String[] columns) {
        if (columns == planColumns) {
            return;
        }
        planColumns = columns;
        labelIndex = -1;
        isFeature = new boolean[columns.length];
        for (int i = 0; i < columns.length; i++) {
            if (columns[i].equals(label.column())) {
                labelIndex = i;
            }
            isFeature[i] = !excluded.contains(columns[i]);
        }
    }

    private Object convert(String text) throws BadRowException {
        TaskKind kind = task.kind();
        if (kind == TaskKind.MULTICLASS) {
            if (!task.classes().isEmpty() && !task.classes().contains(text)) {
                throw bad(text, "is not one of the classes " + task.classes());
            }
            return text;
        }
        if (kind == TaskKind.BINARY && !label.positive().isEmpty()) {
            if (labelTexts.size() < MAX_LABEL_TEXTS) {
                labelTexts.add(text);
            }
            if (label.positive().contains(text)) {
                positives++;
                return 1.0;
            }
            return 0.0;
        }
        Double number = Values.parseNumber(text);
        if (kind == TaskKind.REGRESSION) {
            if (number == null) {
                throw bad(text, "is not a finite number");
            }
            return number;
        }
        if (number == null) {
            number = "true".equals(text) ? Double.valueOf(1.0) : "false".equals(text) ? Double.valueOf(0.0) : null;
        }
        if (number == null || (number != 0.0 && number != 1.0)) {
            throw bad(text, "must be 0 or 1 (or list the positive values)");
        }
        return number == 0.0 ? 0.0 : 1.0;
    }

    /**
     * Fails when this is a binary task with {@code positive} values, {@code labelled} labels were read,
     * and not one of them was positive: the values are almost surely misspelt (AUC would be undefined).
     */
    void requirePositivesSeen(long labelled, String where) {
        if (task.kind() == TaskKind.BINARY && !label.positive().isEmpty() && labelled > 0 && positives == 0) {
            throw new DatasetException("task '" + task.name() + "': none of the " + labelled + " labels in " + where
                    + " is a positive value " + new java.util.TreeSet<>(label.positive()) + " of column '"
                    + label.column() + "'; values seen there: " + labelTexts
                    + ". Fix dataset.labels." + task.name() + ".positive");
        }
    }

    private BadRowException bad(String text, String why) {
        return new BadRowException("label '" + text + "' of task '" + task.name() + "' (column '"
                + label.column() + "') " + why);
    }
}

package dev.tributary.features;

/**
 * A micro-batch of encoded rows, in flat arrays that are reused from batch to batch. Each row
 * carries the inputs of one event and, for training, the label of exactly one task (the task of the
 * event's topic), so a row's loss counts only for that task.
 *
 * <p>Inputs: {@code numeric} standardised values ({@code rows × numericWidth}) and {@code categorical}
 * embedding-row indices ({@code rows × categoricalWidth}), as produced by the feature encoder. Labels:
 * {@code task[r]} is the row's task (or -1 for none) and {@code target[r]} its label: 0/1 for binary,
 * the class index for multiclass, the standardised value for regression.
 */
public final class Batch {
    public final int numericWidth;
    public final int categoricalWidth;
    private int capacity;
    private int rows;
    public float[] numeric;
    public int[] categorical;
    public int[] task;
    public float[] target;

    public Batch(int numericWidth, int categoricalWidth, int capacity) {
        this.numericWidth = numericWidth;
        this.categoricalWidth = categoricalWidth;
        allocate(Math.max(1, capacity));
    }

    private void allocate(int newCapacity) {
        capacity = newCapacity;
        numeric = new float[capacity * numericWidth];
        categorical = new int[capacity * categoricalWidth];
        task = new int[capacity];
        target = new float[capacity];
    }

    public int rows() {
        return rows;
    }

    public int capacity() {
        return capacity;
    }

    /** Sets the row count, growing the arrays (contents lost) when needed. */
    public void setRows(int newRows) {
        if (newRows < 0) {
            throw new IllegalArgumentException("rows must be non-negative, found " + newRows);
        }
        if (newRows > capacity) {
            allocate(Math.max(newRows, capacity * 2));
        }
        rows = newRows;
    }
}

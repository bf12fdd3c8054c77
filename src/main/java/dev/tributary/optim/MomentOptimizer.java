package dev.tributary.optim;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * What every optimizer here keeps besides its update rule: the step count and its per-parameter
 * moments (buffers as long as the parameters, or empty when the rule needs none), and the loop over
 * the parameters a step updates ({@link ParamSupport}). Its state is the count, then each moment in
 * order; the per-row update counts of the lazy embedding update are a state of their own
 * ({@link #writeRowSteps}).
 */
abstract class MomentOptimizer implements Optimizer {
    private final int size;
    private final String[] names;
    private final float[][] moments;
    /** Updates applied so far. */
    long steps;
    /** Per embedding table and row: updates the row received (lazy updates of a rule that counts). */
    private long[][] rowSteps;

    /**
     * @param size    the parameters' length
     * @param names   each moment's name, for error messages
     * @param moments the moment buffers, in state order
     */
    MomentOptimizer(int size, String[] names, float[]... moments) {
        if (names.length != moments.length) {
            throw new IllegalArgumentException(names.length + " names for " + moments.length + " moments");
        }
        this.size = size;
        this.names = names.clone();
        this.moments = moments;
    }

    /**
     * The update of the parameters {@code [from, to)}, as the {@code count}-th update they receive
     * (the rule's bias correction, if it has one, uses it).
     */
    abstract void update(float[] p, float[] g, int from, int to, long count, double lrScale);

    /** Whether {@link #update} uses its count: then each embedding row's updates are counted. */
    boolean countsUpdates() {
        return false;
    }

    @Override
    public final void step(float[] p, float[] g, double lrScale) {
        steps++;
        update(p, g, 0, p.length, steps, lrScale);
    }

    @Override
    public final void step(float[] p, float[] g, double lrScale, ParamSupport support) {
        if (support.isAll()) {
            step(p, g, lrScale);
            return;
        }
        steps++;
        for (int i = 0; i < support.ranges(); i++) {
            int t = support.table(i);
            long count = t < 0 || rowSteps == null ? steps : ++rowSteps[t][support.row(i)];
            update(p, g, support.from(i), support.to(i), count, lrScale);
        }
    }

    @Override
    public final void trackRows(int[] tableRows) {
        if (countsUpdates()) {
            rowSteps = new long[tableRows.length][];
            for (int t = 0; t < tableRows.length; t++) {
                rowSteps[t] = new long[tableRows[t]];
                Arrays.fill(rowSteps[t], steps);
            }
        }
    }

    @Override
    public final void writeRowSteps(DataOutput out) throws IOException {
        out.writeBoolean(rowSteps != null);
        if (rowSteps != null) {
            out.writeInt(rowSteps.length);
            for (long[] rows : rowSteps) {
                out.writeInt(rows.length);
                for (long c : rows) {
                    out.writeLong(c);
                }
            }
        }
    }

    @Override
    public final void readRowSteps(DataInput in) throws IOException {
        boolean stored = in.readBoolean();
        if (!stored) {
            assumeDenseHistory();
            return;
        }
        int tables = in.readInt();
        if (rowSteps == null) {
            for (int t = 0; t < tables; t++) {
                int bytes = Math.multiplyExact(in.readInt(), Long.BYTES);
                if (bytes < 0 || in.skipBytes(bytes) != bytes) {
                    throw new java.io.EOFException("embedding row steps of table " + t + " are truncated");
                }
            }
            return;
        }
        if (tables != rowSteps.length) {
            throw new IOException("embedding row steps for " + tables + " tables, this model has " + rowSteps.length);
        }
        long[][] read = new long[tables][];
        for (int t = 0; t < tables; t++) {
            int rows = in.readInt();
            if (rows != rowSteps[t].length) {
                throw new IOException("embedding row steps of table " + t + " for " + rows + " rows, the table has "
                        + rowSteps[t].length);
            }
            read[t] = new long[rows];
            for (int r = 0; r < rows; r++) {
                read[t][r] = in.readLong();
            }
        }
        rowSteps = read;
    }

    @Override
    public final void assumeDenseHistory() {
        if (rowSteps != null) {
            for (long[] rows : rowSteps) {
                Arrays.fill(rows, steps);
            }
        }
    }

    @Override
    public final boolean tracksRows() {
        return rowSteps != null;
    }

    @Override
    public final long rowUpdates(int table, int row) {
        return rowSteps[table][row];
    }

    @Override
    public final void setRowUpdates(int table, int row, long count) {
        rowSteps[table][row] = count;
    }

    @Override
    public final void setSteps(long steps) {
        this.steps = steps;
    }

    @Override
    public final int momentsPerParameter() {
        int n = 0;
        for (float[] m : moments) {
            n += m.length > 0 ? 1 : 0;
        }
        return n;
    }

    @Override
    public final void writeRange(DataOutput out, int from, int to) throws IOException {
        Objects.checkFromToIndex(from, to, size);
        for (float[] m : moments) {
            if (m.length > 0) {
                for (int i = from; i < to; i++) {
                    out.writeFloat(m[i]);
                }
            }
        }
    }

    @Override
    public final void readRange(DataInput in, int from, int to) throws IOException {
        Objects.checkFromToIndex(from, to, size);
        for (float[] m : moments) {
            if (m.length > 0) {
                for (int i = from; i < to; i++) {
                    m[i] = in.readFloat();
                }
            }
        }
    }

    @Override
    public final void resetState(int offset, int length) {
        Objects.checkFromIndexSize(offset, length, size);
        for (float[] m : moments) {
            if (m.length > 0) {
                Arrays.fill(m, offset, offset + length, 0f);
            }
        }
    }

    @Override
    public final long steps() {
        return steps;
    }

    @Override
    public final void writeState(DataOutput out) throws IOException {
        out.writeLong(steps);
        for (float[] m : moments) {
            FlatState.write(out, m);
        }
    }

    @Override
    public final void readState(DataInput in) throws IOException {
        steps = in.readLong();
        for (int i = 0; i < moments.length; i++) {
            FlatState.read(in, moments[i], names[i]);
        }
    }
}

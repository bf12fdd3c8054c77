package dev.tributary.eval;

import dev.tributary.util.Stateful;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The running mean of inter-task affinity, after Fifty, Amid, Zhao, Yu, Anil &amp; Finn, "Efficiently
 * Identifying Task Groupings for Multi-Task Networks" (NeurIPS 2021). One measurement (a lookahead on
 * one batch) gives, for each pair of tasks present in the batch,
 * {@code Z_{i→j} = 1 − L_j(θ_s − η∇_{θ_s}L_i) / L_j(θ_s)}: how much a step on task {@code i}'s loss
 * alone, applied to the shared parameters {@code θ_s}, lowers (positive) or raises (negative) task
 * {@code j}'s loss on the same batch. This class averages each cell over the measurements that
 * defined it; it does not compute them (the learner does).
 *
 * <p>State: per cell a sum and a count, and the number of measurements. Not thread-safe.
 */
public final class TaskAffinity implements Stateful {
    private static final int STATE_VERSION = 1;
    private final int tasks;
    private final double[] sums;
    private final long[] counts;
    private long samples;

    public TaskAffinity(int tasks) {
        this.tasks = SlidingSums.requirePositive(tasks, "tasks");
        this.sums = new double[tasks * tasks];
        this.counts = new long[tasks * tasks];
    }

    public int tasks() {
        return tasks;
    }

    /**
     * Adds one measurement: {@code z[i][j]} is {@code Z_{i→j}}, NaN for a pair that the batch did not
     * define (a task without rows, or a non-finite loss); those cells are left alone.
     */
    public void add(double[][] z) {
        if (z.length != tasks) {
            throw new IllegalArgumentException("z must have " + tasks + " rows, found " + z.length);
        }
        for (int i = 0; i < tasks; i++) {
            if (z[i].length != tasks) {
                throw new IllegalArgumentException("z[" + i + "] must have " + tasks + " columns, found "
                        + z[i].length);
            }
        }
        for (int i = 0; i < tasks; i++) {
            for (int j = 0; j < tasks; j++) {
                if (Double.isFinite(z[i][j])) {
                    sums[i * tasks + j] += z[i][j];
                    counts[i * tasks + j]++;
                }
            }
        }
        samples++;
    }

    /** The mean {@code Z_{i→j}}, row i = the task whose step is applied; NaN where never measured. */
    public double[][] matrix() {
        double[][] m = new double[tasks][tasks];
        for (int i = 0; i < tasks; i++) {
            for (int j = 0; j < tasks; j++) {
                long n = counts[i * tasks + j];
                m[i][j] = n == 0 ? Double.NaN : sums[i * tasks + j] / n;
            }
        }
        return m;
    }

    /** How many measurements defined cell {@code (i, j)}. */
    public long count(int i, int j) {
        return counts[i * tasks + j];
    }

    /** Measurements added so far. */
    public long samples() {
        return samples;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeInt(STATE_VERSION);
        out.writeInt(tasks);
        out.writeLong(samples);
        for (int c = 0; c < sums.length; c++) {
            out.writeDouble(sums[c]);
            out.writeLong(counts[c]);
        }
    }

    @Override
    public void readState(DataInput in) throws IOException {
        int version = in.readInt();
        if (version != STATE_VERSION) {
            throw new IOException("task affinity state version " + version + " is not supported (expected "
                    + STATE_VERSION + ")");
        }
        int stored = in.readInt();
        if (stored != tasks) {
            throw new IOException("task affinity state has " + stored + " tasks, expected " + tasks);
        }
        samples = in.readLong();
        for (int c = 0; c < sums.length; c++) {
            sums[c] = in.readDouble();
            counts[c] = in.readLong();
        }
    }
}

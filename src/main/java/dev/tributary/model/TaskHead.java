package dev.tributary.model;

/**
 * The part of a network that only one task's rows pass through: the task's tower and, in the expert
 * families where nothing else reads them, its last-level gate and its own last-level experts. It runs
 * over that task's rows only: it gathers their inputs from the batch-wide input into a compact buffer,
 * runs there, and scatters the outputs back to the rows they came from. A task with no rows in the
 * batch costs nothing.
 */
final class TaskHead {
    private final Mlp tower;
    private final ExpertGroup own;
    private final Gate gate;
    private final int in;
    private final int outputs;
    private float[] x;
    private float[] dx;

    /**
     * @param own  the task's own experts, {@link ExpertGroup#compact}, mixed by {@code gate}; or null
     * @param gate the task's own gate, feeding the tower; or null when the tower reads the input directly
     * @param in   width of the head's input
     */
    TaskHead(Mlp tower, ExpertGroup own, Gate gate, int in, int outputs) {
        if (own != null && (gate == null || !own.compact)) {
            throw new IllegalArgumentException("a head's own experts must be compact and mixed by its gate");
        }
        this.tower = tower;
        this.own = own;
        this.gate = gate;
        this.in = in;
        this.outputs = outputs;
    }

    void allocate(int capacity) {
        x = new float[capacity * in];
        dx = new float[capacity * in];
        tower.allocate(capacity);
        if (own != null) {
            own.allocate(capacity);
        }
        if (gate != null) {
            gate.allocate(capacity);
        }
    }

    /** Multiply-adds of one of the task's rows. */
    long macs() {
        return tower.macs() + (gate == null ? 0 : gate.macs()) + (own == null ? 0 : own.macs());
    }

    /**
     * Computes the outputs of the batch rows {@code ids[0 .. n)} into {@code out} (rows × outputs); the
     * other rows of {@code out}, and of the gate's weights, are set to NaN so that a misread shows.
     *
     * @param src       the head's input for every row of the batch, {@code batchRows × in}
     * @param mask      expert dropout flags per batch row, or null
     */
    void forward(float[] p, float[] src, int batchRows, int[] ids, int n, byte[] mask, int totalExperts,
                 float[] out) {
        java.util.Arrays.fill(out, 0, batchRows * outputs, Float.NaN);
        if (gate != null) {
            java.util.Arrays.fill(gate.g, 0, batchRows * gate.k, Float.NaN);
        }
        if (n == 0) {
            return;
        }
        Rows.gather(src, in, ids, n, x);
        float[] towerIn = x;
        if (own != null) {
            own.forward(p, x, 0, in, n);
        }
        if (gate != null) {
            gate.forward(p, x, 0, in, ids, n, mask, totalExperts);
            towerIn = gate.mix;
        }
        tower.forward(p, towerIn, 0, tower.in, n);
        Rows.scatter(tower.output(), outputs, ids, n, out);
    }

    /**
     * Backpropagates the rows {@code ids[0 .. n)} of {@code outGrad} (the same rows as the last forward
     * pass), accumulating into {@code g}, into the shared experts' output gradients, and into the rows
     * of {@code dsrc} (the gradient of {@code src}).
     */
    void backward(float[] p, float[] g, float[] outGrad, int[] ids, int n, float[] dsrc) {
        if (n == 0) {
            return;
        }
        Rows.gather(outGrad, outputs, ids, n, tower.outputGrad());
        AbstractNetwork.zero(dx, n * in);
        if (gate == null) {
            tower.backward(p, g, x, 0, in, dx, 0, in, n);
        } else {
            AbstractNetwork.zero(gate.dmix, n * gate.width);
            tower.backward(p, g, gate.mix, 0, gate.width, gate.dmix, 0, gate.width, n);
            if (own != null) {
                AbstractNetwork.zero(own.outputGrad(), n * own.stride());
            }
            gate.backward(p, g, x, 0, in, dx, 0, in);
            if (own != null) {
                own.backward(p, g, x, 0, in, dx, 0, in, n);
            }
        }
        Rows.scatterAdd(dx, in, ids, n, dsrc);
    }
}

package dev.tributary.optim;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * What every optimizer here keeps besides its update rule: the step count and its per-parameter
 * moments (buffers as long as the parameters, or empty when the rule needs none). Its state is the
 * count, then each moment in order.
 */
abstract class MomentOptimizer implements Optimizer {
    private final int size;
    private final String[] names;
    private final float[][] moments;
    /** Updates applied so far; the subclass's {@link #step} counts them. */
    long steps;

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

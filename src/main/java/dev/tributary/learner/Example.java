package dev.tributary.learner;

import dev.tributary.sampling.ExampleCodec;
import dev.tributary.util.ByteArrayDataOutput;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * One encoded labelled example waiting in a task buffer: its inputs as encoded on arrival, the
 * fingerprints of its values of vocabulary features (empty without such features: their rows are
 * looked up again when the example is trained on, since a vocabulary may have given a row to the
 * value, or taken it, in between), and its target (0/1, class index, or standardised regression
 * value). Immutable by convention: replay may hand out the same instance more than once.
 */
record Example(float[] numeric, int[] categorical, long[] ids, float target) {
    private static final long[] NO_IDS = new long[0];

    Example(float[] numeric, int[] categorical, float target) {
        this(numeric, categorical, NO_IDS, target);
    }

    /** The codec of examples with {@code ids} fingerprints each; without any, the format of snapshot format 7. */
    static ExampleCodec<Example> codec(int ids) {
        return new ExampleCodec<>() {
            @Override
            public void write(DataOutput out, Example e) throws IOException {
                out.writeShort(e.numeric.length);
                if (out instanceof ByteArrayDataOutput direct) {
                    direct.writeFloats(e.numeric);  // the same bytes (features are finite), without a call per value
                } else {
                    for (float v : e.numeric) {
                        out.writeFloat(v);
                    }
                }
                out.writeShort(e.categorical.length);
                for (int v : e.categorical) {
                    out.writeInt(v);
                }
                for (long id : e.ids) {
                    out.writeLong(id);
                }
                out.writeFloat(e.target);
            }

            @Override
            public Example read(DataInput in) throws IOException {
                float[] numeric = new float[in.readUnsignedShort()];
                for (int i = 0; i < numeric.length; i++) {
                    numeric[i] = in.readFloat();
                }
                int[] categorical = new int[in.readUnsignedShort()];
                for (int i = 0; i < categorical.length; i++) {
                    categorical[i] = in.readInt();
                }
                long[] fingerprints = ids == 0 ? NO_IDS : new long[ids];
                for (int i = 0; i < ids; i++) {
                    fingerprints[i] = in.readLong();
                }
                return new Example(numeric, categorical, fingerprints, in.readFloat());
            }
        };
    }
}

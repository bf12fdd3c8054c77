package dev.tributary.learner;

import dev.tributary.sampling.ExampleCodec;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * One encoded labelled example waiting in a task buffer: its inputs as encoded on arrival, and its
 * target (0/1, class index, or standardised regression value). Immutable by convention: replay may
 * hand out the same instance more than once.
 */
record Example(float[] numeric, int[] categorical, float target) {

    static final ExampleCodec<Example> CODEC = new ExampleCodec<>() {
        @Override
        public void write(DataOutput out, Example e) throws IOException {
            out.writeShort(e.numeric.length);
            if (out instanceof dev.tributary.util.ByteArrayDataOutput direct) {
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
            return new Example(numeric, categorical, in.readFloat());
        }
    };
}

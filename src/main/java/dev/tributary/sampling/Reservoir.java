package dev.tributary.sampling;

import dev.tributary.util.Rng;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A uniform random sample of at most {@code capacity} of the items offered so far: Vitter's
 * Algorithm R (J. S. Vitter, "Random sampling with a reservoir", ACM TOMS 11(1), 1985). After
 * {@code n} offers each of them is held with probability {@code min(1, capacity / n)}.
 *
 * <p>The count of items seen is a {@code long}: a busy task passes 2^31 examples within a day.
 */
final class Reservoir<E> {
    private final int capacity;
    private final Rng rng;
    private final List<E> items;
    private long seen;

    Reservoir(int capacity, Rng rng) {
        this.capacity = capacity;
        this.rng = rng;
        this.items = new ArrayList<>(Math.min(capacity, 1024));
    }

    void offer(E item) {
        seen++;
        if (items.size() < capacity) {
            items.add(item);
        } else if (capacity > 0) {
            long slot = uniformLong(rng, seen);
            if (slot < capacity) {
                items.set((int) slot, item);
            }
        }
    }

    int size() {
        return items.size();
    }

    long seen() {
        return seen;
    }

    E get(int index) {
        return items.get(index);
    }

    /** Uniform in {@code [0, bound)} for any positive {@code long} bound, unbiased. */
    static long uniformLong(Rng rng, long bound) {
        if (bound <= Integer.MAX_VALUE) {
            return rng.nextInt((int) bound);
        }
        // Rejection on 63 random bits, as java.util.SplittableRandom does.
        long m = bound - 1;
        long u = rng.nextLong() >>> 1;
        long r = u % bound;
        while (u - r + m < 0) {
            u = rng.nextLong() >>> 1;
            r = u % bound;
        }
        return r;
    }

    void writeState(DataOutput out, ExampleCodec<E> codec) throws IOException {
        out.writeLong(seen);
        out.writeLong(rng.state());
        out.writeInt(items.size());
        for (E item : items) {
            codec.write(out, item);
        }
    }

    /** Reads into this (freshly built) reservoir; {@code task} names it in errors. */
    void readState(DataInput in, ExampleCodec<E> codec, String task) throws IOException {
        long seenRead = in.readLong();
        long rngState = in.readLong();
        int size = in.readInt();
        if (seenRead < 0 || size != Math.min(seenRead, (long) capacity)) {
            throw new IOException("snapshot reservoir of task '" + task + "' holds " + size + " examples after "
                    + seenRead + " seen; with reservoirCapacity " + capacity + " it must hold min(seen, capacity)");
        }
        items.clear();
        for (int i = 0; i < size; i++) {
            items.add(TaskLane.readExample(in, codec, task));
        }
        seen = seenRead;
        rng.setState(rngState);
    }
}

package dev.tributary.sampling;

import dev.tributary.util.Rng;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayDeque;

/**
 * One task's bounded FIFO buffer of fresh examples, its replay reservoir and its counters. The
 * buffer grows on demand up to its capacity, so a large capacity costs nothing until it is used.
 */
final class TaskLane<E> {
    private final String name;
    private final int bufferCapacity;
    private final ArrayDeque<E> buffer = new ArrayDeque<>();
    private final Reservoir<E> reservoir;
    private long arrived;
    private long trained;
    private long replayed;
    private long subsampled;

    TaskLane(String name, int bufferCapacity, int reservoirCapacity, Rng reservoirRng) {
        this.name = name;
        this.bufferCapacity = bufferCapacity;
        this.reservoir = new Reservoir<>(reservoirCapacity, reservoirRng);
    }

    void offer(E example) {
        arrived++;
        if (buffer.size() == bufferCapacity) {
            buffer.pollFirst();
            subsampled++;
        }
        buffer.addLast(example);
        reservoir.offer(example);
    }

    int buffered() {
        return buffer.size();
    }

    boolean hasFresh() {
        return !buffer.isEmpty();
    }

    boolean hasContent() {
        return !buffer.isEmpty() || reservoir.size() > 0;
    }

    /** The oldest buffered example, counted as trained; the buffer must not be empty. */
    E takeFresh() {
        trained++;
        return buffer.pollFirst();
    }

    /** A uniformly chosen reservoir example, counted as replayed; the reservoir must not be empty. */
    E replay(Rng rng) {
        replayed++;
        return reservoir.get(rng.nextInt(reservoir.size()));
    }

    TaskCounters counters() {
        return new TaskCounters(name, arrived, trained, replayed, subsampled, buffer.size(), reservoir.size());
    }

    void writeState(DataOutput out, ExampleCodec<E> codec) throws IOException {
        out.writeLong(arrived);
        out.writeLong(trained);
        out.writeLong(replayed);
        out.writeLong(subsampled);
        out.writeInt(buffer.size());
        for (E example : buffer) {
            codec.write(out, example);
        }
        reservoir.writeState(out, codec);
    }

    /** Reads into this freshly built lane. */
    void readState(DataInput in, ExampleCodec<E> codec) throws IOException {
        arrived = in.readLong();
        trained = in.readLong();
        replayed = in.readLong();
        subsampled = in.readLong();
        int size = in.readInt();
        if (size < 0 || size > bufferCapacity) {
            throw new IOException("snapshot buffer of task '" + name + "' holds " + size
                    + " examples, bufferCapacity is " + bufferCapacity);
        }
        if (arrived != trained + subsampled + size || replayed < 0 || trained < 0 || subsampled < 0) {
            throw new IOException("snapshot counters of task '" + name + "' do not add up: arrived " + arrived
                    + ", trained " + trained + ", subsampled " + subsampled + ", buffered " + size);
        }
        for (int i = 0; i < size; i++) {
            buffer.addLast(readExample(in, codec, name));
        }
        reservoir.readState(in, codec, name);
        if (reservoir.seen() != arrived) {
            throw new IOException("snapshot reservoir of task '" + name + "' has seen " + reservoir.seen()
                    + " examples, the task has " + arrived + " arrivals");
        }
    }

    static <E> E readExample(DataInput in, ExampleCodec<E> codec, String task) throws IOException {
        E example = codec.read(in);
        if (example == null) {
            throw new IOException("example codec read a null example for task '" + task + "'");
        }
        return example;
    }
}

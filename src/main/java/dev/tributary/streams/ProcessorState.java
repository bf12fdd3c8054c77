package dev.tributary.streams;

import dev.tributary.event.Event;
import dev.tributary.event.EventCodec;

import dev.tributary.util.ByteArrayDataOutput;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the learner processor stores at each commit: the events received but not yet in a processed
 * micro-batch (their offsets are committed too), then the learner snapshot. Layout: int version,
 * int count, per event {UTF task, int length, JSON bytes}, then the learner snapshot bytes.
 */
record ProcessorState(List<Event> pending, byte[] learner) {
    static final int VERSION = 1;

    static byte[] encode(List<Event> pending, byte[] learner, EventCodec codec) {
        ByteArrayDataOutput out = new ByteArrayDataOutput(learner.length + 256 * pending.size() + 16);
        out.writeInt(VERSION);
        out.writeInt(pending.size());
        for (Event e : pending) {
            out.writeUTF(e.task());
            byte[] json = codec.encode(e);
            out.writeInt(json.length);
            out.write(json);
        }
        out.write(learner);
        return out.toByteArray();
    }

    static ProcessorState decode(byte[] bytes, EventCodec codec) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            int version = in.readInt();
            if (version != VERSION) {
                throw new IllegalStateException("stored processor state has version " + version + ", this build reads "
                        + VERSION);
            }
            int n = in.readInt();
            List<Event> pending = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String task = in.readUTF();
                byte[] json = new byte[in.readInt()];
                in.readFully(json);
                Event e = codec.decode(task, json, 0L);
                pending.add(e);
            }
            return new ProcessorState(pending, in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException("stored processor state is truncated", e);
        }
    }
}

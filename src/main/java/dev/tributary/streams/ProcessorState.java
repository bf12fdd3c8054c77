package dev.tributary.streams;

import dev.tributary.event.Event;
import dev.tributary.event.EventCodec;
import dev.tributary.learner.Learner;

import dev.tributary.util.ByteArrayDataOutput;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the learner processor stores at each commit: the events received but not yet in a processed
 * micro-batch (their offsets are committed too), the per-task counts of dead-lettered records, then the
 * learner snapshot. Layout: int version, int count, per event {UTF task, int length, JSON bytes}, int
 * count, per task {UTF task, long dead-lettered} (version 2), then the learner snapshot bytes. Version 1
 * (without the dead-letter counts) is still read.
 */
record ProcessorState(List<Event> pending, Map<String, Long> deadLettered, byte[] learner) {
    static final int VERSION = 2;

    ProcessorState {
        pending = List.copyOf(pending);
        deadLettered = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(deadLettered));
    }

    static byte[] encode(List<Event> pending, Map<String, Long> deadLettered, byte[] learner, EventCodec codec) {
        ByteArrayDataOutput out = new ByteArrayDataOutput(learner.length + 256 * pending.size() + 64);
        writeHead(out, pending, deadLettered, codec);
        out.write(learner);
        return out.toByteArray();
    }

    /**
     * The same bytes as {@link #encode}, built in {@code out} (reset first; the processor reuses it at
     * every commit) with the learner's snapshot written straight into it: one copy per commit.
     */
    static byte[] encode(List<Event> pending, Map<String, Long> deadLettered, Learner learner, EventCodec codec,
                         ByteArrayDataOutput out) {
        out.reset();
        writeHead(out, pending, deadLettered, codec);
        learner.snapshotTo(out);
        return out.toByteArray();
    }

    private static void writeHead(ByteArrayDataOutput out, List<Event> pending, Map<String, Long> deadLettered,
                                  EventCodec codec) {
        out.writeInt(VERSION);
        out.writeInt(pending.size());
        for (Event e : pending) {
            out.writeUTF(e.task());
            byte[] json = codec.encode(e);
            out.writeInt(json.length);
            out.write(json);
        }
        out.writeInt(deadLettered.size());
        for (Map.Entry<String, Long> d : deadLettered.entrySet()) {
            out.writeUTF(d.getKey());
            out.writeLong(d.getValue());
        }
    }

    static ProcessorState decode(byte[] bytes, EventCodec codec) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            int version = in.readInt();
            if (version != VERSION && version != 1) {
                throw new IllegalStateException("stored processor state has version " + version + ", this build reads "
                        + "1 to " + VERSION);
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
            Map<String, Long> deadLettered = new LinkedHashMap<>();
            if (version >= 2) {
                int tasks = in.readInt();
                for (int i = 0; i < tasks; i++) {
                    deadLettered.put(in.readUTF(), in.readLong());
                }
            }
            return new ProcessorState(pending, deadLettered, in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException("stored processor state is truncated", e);
        }
    }
}

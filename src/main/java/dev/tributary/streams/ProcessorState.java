package dev.tributary.streams;

import dev.tributary.event.Event;
import dev.tributary.event.EventCodec;

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
 * micro-batch (their offsets are committed too) with their record keys, the per-task counts of
 * dead-lettered records, then the learner snapshot. Layout: int version, int count, per event {UTF task,
 * int length, JSON bytes, int key length (-1 = no key), key bytes}, int count, per task {UTF task, long
 * dead-lettered}, then the learner snapshot bytes. Version 2 (events without keys) and version 1
 * (without the dead-letter counts either) are still read; their events have no key.
 */
record ProcessorState(List<Event> pending, List<byte[]> keys, Map<String, Long> deadLettered, byte[] learner) {
    static final int VERSION = 3;
    /** The processor's part of an incremental checkpoint: the head alone, the learner in parts of its own. */
    static final String PART = "processor";

    ProcessorState {
        pending = List.copyOf(pending);
        keys = java.util.Collections.unmodifiableList(new ArrayList<>(keys));
        if (keys.size() != pending.size()) {
            throw new IllegalArgumentException(pending.size() + " pending events but " + keys.size() + " keys");
        }
        deadLettered = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(deadLettered));
    }

    static byte[] encode(List<Event> pending, List<byte[]> keys, Map<String, Long> deadLettered, byte[] learner,
                         EventCodec codec) {
        ByteArrayDataOutput out = new ByteArrayDataOutput(learner.length + 256 * pending.size() + 64);
        writeHead(out, pending, keys, deadLettered, codec);
        out.write(learner);
        return out.toByteArray();
    }

    /** The head alone: {@link #encode} without the learner (which checkpoints itself in parts). */
    static byte[] encodeHead(List<Event> pending, List<byte[]> keys, Map<String, Long> deadLettered,
                             EventCodec codec) {
        ByteArrayDataOutput out = new ByteArrayDataOutput(256 * pending.size() + 64);
        writeHead(out, pending, keys, deadLettered, codec);
        return out.toByteArray();
    }

    /** Reads {@link #encodeHead} bytes; the state's learner is empty. */
    static ProcessorState decodeHead(byte[] head, EventCodec codec) {
        if (head == null) {
            throw new IllegalStateException("the stored checkpoint has no part '" + PART + "'");
        }
        return decode(head, codec);
    }

    private static void writeHead(ByteArrayDataOutput out, List<Event> pending, List<byte[]> keys,
                                  Map<String, Long> deadLettered, EventCodec codec) {
        out.writeInt(VERSION);
        out.writeInt(pending.size());
        for (int i = 0; i < pending.size(); i++) {
            Event e = pending.get(i);
            out.writeUTF(e.task());
            byte[] json = codec.encode(e);
            out.writeInt(json.length);
            out.write(json);
            byte[] key = keys.get(i);
            out.writeInt(key == null ? -1 : key.length);
            if (key != null) {
                out.write(key);
            }
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
            if (version < 1 || version > VERSION) {
                throw new IllegalStateException("stored processor state has version " + version + ", this build reads "
                        + "1 to " + VERSION);
            }
            int n = in.readInt();
            List<Event> pending = new ArrayList<>(n);
            List<byte[]> keys = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String task = in.readUTF();
                byte[] json = new byte[in.readInt()];
                in.readFully(json);
                pending.add(codec.decode(task, json, 0L));
                byte[] key = null;
                if (version >= 3) {
                    int length = in.readInt();
                    if (length >= 0) {
                        key = new byte[length];
                        in.readFully(key);
                    }
                }
                keys.add(key);
            }
            Map<String, Long> deadLettered = new LinkedHashMap<>();
            if (version >= 2) {
                int tasks = in.readInt();
                for (int i = 0; i < tasks; i++) {
                    deadLettered.put(in.readUTF(), in.readLong());
                }
            }
            return new ProcessorState(pending, keys, deadLettered, in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException("stored processor state is truncated", e);
        }
    }
}

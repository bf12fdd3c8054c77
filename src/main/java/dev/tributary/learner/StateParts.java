package dev.tributary.learner;

import dev.tributary.optim.FlatState;
import dev.tributary.util.ByteArrayDataOutput;
import dev.tributary.util.Stateful;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The learner's state as named parts, in a fixed order (snapshot format 6 on): each part is written
 * and read by the component that owns it, framed by its name and length, so that a part that does
 * not read back exactly is refused by name. A snapshot must hold exactly the parts this build knows.
 */
final class StateParts {
    /** The vocabularies' entries in full (their checkpoints write the changed entries as rows). */
    static final String VOCABULARIES = "vocabularies";

    /** Writes one part's bytes. */
    interface Writer {
        void write(DataOutput out) throws IOException;
    }

    /** Reads one part's bytes into the learner. */
    interface Reader {
        void read(DataInputStream in) throws IOException;
    }

    /**
     * @param lenient the reader may leave bytes unread: the monitors skip a part written by monitors
     *                arranged otherwise (their reader checks its own length when it reads)
     * @param absent  what stands in for the part in a snapshot written before it existed; null: the
     *                part is required
     */
    record Part(String name, Writer writer, Reader reader, boolean lenient, Runnable absent) {
        Part(String name, Writer writer, Reader reader, boolean lenient) {
            this(name, writer, reader, lenient, null);
        }
    }

    private StateParts() {
    }

    /**
     * The parts of {@code l}, in the order they are written; {@value #VOCABULARIES} only when the spec
     * has features with a vocabulary (so that the snapshots of other specs keep format 7's bytes).
     */
    static List<Part> of(Learner l) {
        List<Part> parts = new ArrayList<>(basic(l));
        if (l.vocabularies.features.length > 0) {
            int afterEncoder = 1 + parts.stream().map(Part::name).toList().indexOf("feature-encoder");
            parts.add(afterEncoder, new Part(VOCABULARIES, out -> {
                for (int f : l.vocabularies.features) {
                    l.encoder.vocabulary(f).writeState(out);
                }
            }, in -> {
                for (int f : l.vocabularies.features) {
                    l.encoder.vocabulary(f).readState(in);
                }
            }, false));
        }
        return parts;
    }

    private static List<Part> basic(Learner l) {
        return List.of(
                new Part("parameters", out -> FlatState.write(out, l.trainer.params),
                        in -> FlatState.read(in, l.trainer.params, "parameters"), false),
                new Part("optimizer", l.trainer.optimizer()::writeState, l.trainer.optimizer()::readState, false),
                new Part("embedding-row-steps", l.trainer.optimizer()::writeRowSteps,
                        l.trainer.optimizer()::readRowSteps, false, l.trainer.optimizer()::assumeDenseHistory),
                new Part("loss-weighting", l.trainer.weighting()::writeState, l.trainer.weighting()::readState, false),
                new Part("feature-encoder", l.encoder::writeState, l.encoder::readState, false),
                each("target-scalers", l.targets),
                new Part("task-sampler", l.sampler::writeState, l.sampler::readState, false),
                new Part("dropout-rng", out -> out.writeLong(l.dropoutRng.state()),
                        in -> l.dropoutRng.setState(in.readLong()), false),
                each("metrics", l.metrics),
                new Part("counters", out -> {
                    for (int t = 0; t < l.consumed.length; t++) {
                        out.writeLong(l.consumed[t]);
                        out.writeLong(l.labelled[t]);
                    }
                    out.writeLong(l.trainer.skippedNonFinite);
                }, in -> {
                    for (int t = 0; t < l.consumed.length; t++) {
                        l.consumed[t] = in.readLong();
                        l.labelled[t] = in.readLong();
                    }
                    l.trainer.skippedNonFinite = in.readLong();
                }, false),
                new Part("reactions", l.reactions::writeState, l.reactions::readState, false),
                new Part("monitors", out -> {
                    out.writeUTF(l.monitors.layout());
                    l.monitors.writeState(out);
                }, in -> {
                    if (in.readUTF().equals(l.monitors.layout())) {
                        l.monitors.readState(in);
                        if (in.available() != 0) {
                            throw new SnapshotException("snapshot part 'monitors' has " + in.available()
                                    + " unread bytes");
                        }
                    }
                }, true));
    }

    /** A part holding each of {@code items}' states, one after the other. */
    private static Part each(String name, Stateful[] items) {
        return new Part(name, out -> {
            for (Stateful item : items) {
                item.writeState(out);
            }
        }, in -> {
            for (Stateful item : items) {
                item.readState(in);
            }
        }, false);
    }

    /** Appends every part: its name, its length, its bytes. */
    static void write(List<Part> parts, ByteArrayDataOutput out) throws IOException {
        for (Part part : parts) {
            out.writeUTF(part.name());
            int lengthAt = out.size();
            out.writeInt(0);
            part.writer().write(out);
            out.setInt(lengthAt, out.size() - lengthAt - Integer.BYTES);
        }
    }

    /** Reads {@code payload} into the parts; refuses a missing, unknown or ill-fitting part by name. */
    static void read(List<Part> parts, byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        Map<String, byte[]> found = new LinkedHashMap<>();
        while (in.available() > 0) {
            String name = in.readUTF();
            int length = in.readInt();
            if (length < 0 || length > in.available()) {
                throw new SnapshotException("snapshot part '" + name + "' is truncated: length " + length);
            }
            byte[] bytes = new byte[length];
            in.readFully(bytes);
            if (found.put(name, bytes) != null) {
                throw new SnapshotException("snapshot has part '" + name + "' twice");
            }
        }
        read(parts, found);
    }

    /** Reads the parts found, by name; refuses a missing, unknown or ill-fitting part by name. */
    static void read(List<Part> parts, Map<String, byte[]> found) throws IOException {
        List<String> known = parts.stream().map(Part::name).toList();
        for (String name : found.keySet()) {
            if (!known.contains(name)) {
                throw new SnapshotException("snapshot has part '" + name + "', which this build does not know; its parts"
                        + " are " + known);
            }
        }
        for (Part part : parts) {
            byte[] bytes = found.get(part.name());
            if (bytes == null && part.absent() != null) {
                part.absent().run();
                continue;
            }
            if (bytes == null) {
                throw new SnapshotException("snapshot has no part '" + part.name() + "'");
            }
            DataInputStream p = new DataInputStream(new ByteArrayInputStream(bytes));
            try {
                part.reader().read(p);
            } catch (IOException | RuntimeException e) {
                if (e instanceof SnapshotException) {
                    throw e;
                }
                throw new SnapshotException("snapshot part '" + part.name() + "' does not fit this learner: "
                        + e.getMessage(), e);
            }
            if (!part.lenient() && p.available() != 0) {
                throw new SnapshotException("snapshot part '" + part.name() + "' has " + p.available()
                        + " unread bytes");
            }
        }
    }
}

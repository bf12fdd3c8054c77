package dev.tributary.learner;

import dev.tributary.features.Vocabulary;
import dev.tributary.model.TouchedRows;
import dev.tributary.optim.Optimizer;
import dev.tributary.util.ByteArrayDataOutput;
import dev.tributary.util.PartSink;
import dev.tributary.util.PartSource;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A learner's incremental checkpoint: its state as named parts plus one row per embedding row that
 * changed, so that a commit writes what changed since the last one, not the whole model.
 *
 * <p>Parts: {@value #HEADER} (checkpoint version, spec fingerprint), {@value #DENSE} (the optimizer's
 * step count, whether it counts row updates, then the parameters outside the embedding tables and
 * their optimizer moments, range by range), and every {@link StateParts} part but the three that hold
 * the flat parameter buffers (parameters, optimizer, row counts), which {@value #DENSE} and the rows
 * replace. Rows: key {@code <table>/<row>}, value the row's parameters, its moments and, when rows are
 * counted, its update count. A row never written since the learner was created is at its initial
 * value (drawn from the spec's seed) with zero moments: restore starts from a fresh learner.
 *
 * <p>Vocabularies: part {@value #VOCABULARY_COUNTERS} (each vocabulary's counters), and one row per
 * entry changed since the last checkpoint, key {@code v<feature>/<row>} for a row's value and
 * {@code c<feature>/<slot>} for a candidate being counted, deleted when the entry is gone. Rows whose
 * key starts with {@code g} belong to a {@link Replica} checkpointed into the same sink.
 */
final class Checkpoints {
    static final String HEADER = "header";
    static final String DENSE = "dense";
    static final int VERSION = 1;
    static final String VOCABULARY_COUNTERS = "vocabulary-counters";
    private static final List<String> FLAT = List.of("parameters", "optimizer", "embedding-row-steps",
            StateParts.VOCABULARIES);

    private Checkpoints() {
    }

    static void write(Learner l, PartSink sink) {
        try {
            ByteArrayDataOutput head = new ByteArrayDataOutput(64);
            head.writeInt(VERSION);
            head.writeUTF(l.spec.fingerprint());
            sink.part(HEADER, head.toByteArray());
            sink.part(DENSE, dense(l));
            for (StateParts.Part part : parts(l)) {
                ByteArrayDataOutput out = new ByteArrayDataOutput(256);
                part.writer().write(out);
                sink.part(part.name(), out.toByteArray());
            }
            rows(l, sink);
            vocabularies(l, sink);
        } catch (IOException e) {
            throw new IllegalStateException("could not write the learner checkpoint", e);
        }
    }

    private static List<StateParts.Part> parts(Learner l) {
        return StateParts.of(l).stream().filter(p -> !FLAT.contains(p.name())).toList();
    }

    private static byte[] dense(Learner l) throws IOException {
        Trainer tr = l.trainer;
        Optimizer o = tr.optimizer();
        int[] ranges = l.net.layout().denseRanges();
        ByteArrayDataOutput out = new ByteArrayDataOutput(64 + 4 * (1 + o.momentsPerParameter()) * count(ranges));
        out.writeLong(o.steps());
        out.writeBoolean(o.tracksRows());
        out.writeInt(ranges.length / 2);
        for (int k = 0; k < ranges.length; k += 2) {
            out.writeInt(ranges[k]);
            out.writeInt(ranges[k + 1]);
            for (int i = ranges[k], end = i + ranges[k + 1]; i < end; i++) {
                out.writeFloat(tr.params[i]);
            }
            o.writeRange(out, ranges[k], ranges[k] + ranges[k + 1]);
        }
        return out.toByteArray();
    }

    private static int count(int[] ranges) {
        int n = 0;
        for (int k = 1; k < ranges.length; k += 2) {
            n += ranges[k];
        }
        return n;
    }

    /** The rows changed since the last checkpoint (every row after a dense step or a full restore). */
    private static void rows(Learner l, PartSink sink) throws IOException {
        Trainer tr = l.trainer;
        TouchedRows changed = tr.changedRows();
        Optimizer o = tr.optimizer();
        int moments = o.momentsPerParameter();
        for (int t = 0; t < changed.tables(); t++) {
            int w = changed.width(t);
            int n = tr.allRowsChanged() ? changed.rows(t) : changed.count(t);
            ByteArrayDataOutput out = new ByteArrayDataOutput(4 * w * (1 + moments) + 8);
            for (int i = 0; i < n; i++) {
                int r = tr.allRowsChanged() ? i : changed.row(t, i);
                int from = changed.offset(t) + r * w;
                out.reset();
                for (int j = from; j < from + w; j++) {
                    out.writeFloat(tr.params[j]);
                }
                o.writeRange(out, from, from + w);
                if (o.tracksRows()) {
                    out.writeLong(o.rowUpdates(t, r));
                }
                sink.row(t + "/" + r, out.toByteArray());
            }
        }
        tr.rowsCheckpointed();
    }

    private static void vocabularies(Learner l, PartSink sink) throws IOException {
        if (l.vocabularies.features.length == 0) {
            return;
        }
        ByteArrayDataOutput counters = new ByteArrayDataOutput(128 * l.vocabularies.features.length);
        ByteArrayDataOutput entry = new ByteArrayDataOutput(Vocabulary.ENTRY_BYTES);
        for (int f : l.vocabularies.features) {
            Vocabulary v = l.encoder.vocabulary(f);
            v.writeCounters(counters);
            v.forEachChanged((candidate, slot, used) -> {
                String key = (candidate ? "c" : "v") + f + "/" + slot;
                if (used) {
                    entry.reset();
                    v.writeEntry(candidate, slot, entry);
                    sink.row(key, entry.toByteArray());
                } else {
                    sink.deleteRow(key);
                }
            });
            v.clearChanged();
        }
        sink.part(VOCABULARY_COUNTERS, counters.toByteArray());
    }

    /** Reads a checkpoint into {@code l}, a fresh learner of the checkpoint's spec. */
    static void read(Learner l, PartSource source) {
        byte[] head = source.part(HEADER);
        if (head == null) {
            throw new SnapshotException("checkpoint has no part '" + HEADER + "'");
        }
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(head));
            int version = in.readInt();
            if (version != VERSION) {
                throw new SnapshotException("checkpoint version " + version + " is not supported (this build reads "
                        + VERSION + ")");
            }
            String fingerprint = in.readUTF();
            if (!fingerprint.equals(l.spec.fingerprint())) {
                throw new SnapshotException("checkpoint is of another topology: fingerprint " + fingerprint
                        + ", this spec has " + l.spec.fingerprint());
            }
        } catch (IOException e) {
            throw new SnapshotException("checkpoint part '" + HEADER + "' is corrupt: " + e.getMessage(), e);
        }
        boolean tracked = readDense(l, required(source, DENSE));
        Map<String, byte[]> found = new LinkedHashMap<>();
        for (StateParts.Part part : parts(l)) {
            byte[] bytes = source.part(part.name());
            if (bytes != null) {
                found.put(part.name(), bytes);
            }
        }
        try {
            StateParts.read(parts(l), found);
        } catch (IOException e) {
            throw new SnapshotException("checkpoint is corrupt: " + e.getMessage(), e);
        }
        Optimizer o = l.trainer.optimizer();
        if (!tracked) {
            o.assumeDenseHistory();
        }
        readVocabularyCounters(l, source);
        TouchedRows tables = l.trainer.changedRows();
        int moments = o.momentsPerParameter();
        source.rows((key, bytes) -> {
            char c = key.isEmpty() ? ' ' : key.charAt(0);
            if (c == 'v' || c == 'c') {
                readEntry(l, key, bytes);
            } else if (c == Replica.ROW_PREFIX) {
                return; // a replica's copy of the global model: read by Replica.restore
            } else {
                readRow(l, tables, o, moments, tracked, key, bytes);
            }
        });
        for (int f : l.vocabularies.features) {
            try {
                l.encoder.vocabulary(f).rebuild();
            } catch (IOException e) {
                throw new SnapshotException("checkpoint vocabulary of feature '" + l.encoder.categoricalName(f)
                        + "' is corrupt: " + e.getMessage(), e);
            }
        }
    }

    private static void readVocabularyCounters(Learner l, PartSource source) {
        if (l.vocabularies.features.length == 0) {
            return;
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(required(source, VOCABULARY_COUNTERS)));
        try {
            for (int f : l.vocabularies.features) {
                l.encoder.vocabulary(f).readCounters(in);
            }
            if (in.available() != 0) {
                throw new SnapshotException("checkpoint part '" + VOCABULARY_COUNTERS + "' has " + in.available()
                        + " unread bytes");
            }
        } catch (IOException e) {
            throw new SnapshotException("checkpoint part '" + VOCABULARY_COUNTERS + "' is corrupt: " + e.getMessage(), e);
        }
    }

    /** The two numbers of a row key {@code <a>/<b>} after {@code skip} leading characters. */
    static int[] pair(String key, int skip, String form) {
        int slash = key.indexOf('/');
        try {
            return new int[]{Integer.parseInt(key.substring(skip, slash)), Integer.parseInt(key.substring(slash + 1))};
        } catch (RuntimeException e) {
            throw new SnapshotException("checkpoint row key '" + key + "' is not " + form);
        }
    }

    /** A vocabulary entry: {@code v<feature>/<row>} or {@code c<feature>/<slot>}. */
    private static void readEntry(Learner l, String key, byte[] bytes) {
        int[] fs = pair(key, 1, "v<feature>/<row> or c<feature>/<slot>");
        int f = fs[0];
        int slot = fs[1];
        Vocabulary v = f >= 0 && f < l.encoder.shape().categorical() ? l.encoder.vocabulary(f) : null;
        if (v == null) {
            throw new SnapshotException("checkpoint row " + key + " is of no vocabulary of this spec");
        }
        if (bytes.length != Vocabulary.ENTRY_BYTES) {
            throw new SnapshotException("checkpoint row " + key + " has " + bytes.length + " bytes, expected "
                    + Vocabulary.ENTRY_BYTES);
        }
        try {
            v.readEntry(key.charAt(0) == 'c', slot, new DataInputStream(new ByteArrayInputStream(bytes)));
        } catch (IOException e) {
            throw new SnapshotException("checkpoint row " + key + " is corrupt: " + e.getMessage(), e);
        }
    }

    private static byte[] required(PartSource source, String name) {
        byte[] bytes = source.part(name);
        if (bytes == null) {
            throw new SnapshotException("checkpoint has no part '" + name + "'");
        }
        return bytes;
    }

    /** Reads the dense part; returns whether the checkpoint counted row updates. */
    private static boolean readDense(Learner l, byte[] bytes) {
        Trainer tr = l.trainer;
        Optimizer o = tr.optimizer();
        int[] ranges = l.net.layout().denseRanges();
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            long steps = in.readLong();
            boolean tracked = in.readBoolean();
            int n = in.readInt();
            if (n != ranges.length / 2) {
                throw new SnapshotException("checkpoint part '" + DENSE + "' has " + n + " ranges, this model "
                        + ranges.length / 2);
            }
            for (int k = 0; k < ranges.length; k += 2) {
                int from = in.readInt();
                int length = in.readInt();
                if (from != ranges[k] || length != ranges[k + 1]) {
                    throw new SnapshotException("checkpoint part '" + DENSE + "' range " + k / 2 + " is [" + from
                            + ", +" + length + "), this model's is [" + ranges[k] + ", +" + ranges[k + 1] + ")");
                }
                for (int i = from; i < from + length; i++) {
                    tr.params[i] = in.readFloat();
                }
                o.readRange(in, from, from + length);
            }
            if (in.available() != 0) {
                throw new SnapshotException("checkpoint part '" + DENSE + "' has " + in.available() + " unread bytes");
            }
            o.setSteps(steps);
            return tracked;
        } catch (IOException e) {
            throw new SnapshotException("checkpoint part '" + DENSE + "' is corrupt: " + e.getMessage(), e);
        }
    }

    private static void readRow(Learner l, TouchedRows tables, Optimizer o, int moments, boolean tracked, String key,
                                byte[] bytes) {
        int[] tr = pair(key, 0, "<table>/<row>");
        int t = tr[0];
        int r = tr[1];
        if (t < 0 || t >= tables.tables() || r < 0 || r >= tables.rows(t)) {
            throw new SnapshotException("checkpoint row " + key + " is outside this model's tables");
        }
        int w = tables.width(t);
        int expected = 4 * w * (1 + moments) + (tracked ? 8 : 0);
        if (bytes.length != expected) {
            throw new SnapshotException("checkpoint row " + key + " has " + bytes.length + " bytes, expected "
                    + expected);
        }
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            int from = tables.offset(t) + r * w;
            for (int j = from; j < from + w; j++) {
                l.trainer.params[j] = in.readFloat();
            }
            o.readRange(in, from, from + w);
            long updates = tracked ? in.readLong() : 0;
            if (tracked && o.tracksRows()) {
                o.setRowUpdates(t, r, updates);
            }
        } catch (IOException e) {
            throw new SnapshotException("checkpoint row " + key + " is corrupt: " + e.getMessage(), e);
        }
    }
}

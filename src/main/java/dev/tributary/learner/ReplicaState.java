package dev.tributary.learner;

import dev.tributary.features.RunningStats;
import dev.tributary.model.TouchedRows;
import dev.tributary.util.ByteArrayDataOutput;
import dev.tributary.util.PartSink;
import dev.tributary.util.PartSource;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/** A {@link Replica}'s state in its learner's checkpoint: {@link Replica#checkpoint} and {@link Replica#restore}. */
final class ReplicaState {
    private static final int VERSION = 1;

    private ReplicaState() {
    }

    static void write(Replica r, PartSink sink) {
        try {
            ByteArrayDataOutput out = new ByteArrayDataOutput(256 + 8 * r.layout.denseSize());
            out.writeInt(VERSION);
            out.writeInt(r.index);
            out.writeLong(r.sent);
            out.writeLong(r.pendingSequence);
            out.writeLong(r.mergedVersion);
            out.writeLong(r.stepsAtSync);
            for (long e : r.examplesAtSync) {
                out.writeLong(e);
            }
            for (RunningStats g : r.globalStats) {
                g.writeState(out);
            }
            int[] ranges = r.layout.denseRanges();
            for (int k = 0; k < ranges.length; k += 2) {
                for (int i = ranges[k], end = i + ranges[k + 1]; i < end; i++) {
                    out.writeFloat(r.global[i]);
                }
            }
            TouchedRows since = r.learner.trainer.rowsSinceSync();
            out.writeBoolean(r.learner.trainer.allRowsSinceSync());
            for (int t = 0; t < since.tables(); t++) {
                out.writeInt(since.count(t));
                for (int i = 0; i < since.count(t); i++) {
                    out.writeInt(since.row(t, i));
                }
            }
            if (r.awaiting()) {
                for (RunningStats st : r.sentStats) {
                    st.writeState(out);
                }
                out.writeFloats(r.sentDense);
                out.writeInt(r.sentRows.rows());
                for (int i = 0; i < r.sentRows.rows(); i++) {
                    out.writeLong(r.sentRows.rowKeys()[i]);
                    out.writeFloats(r.sentRows.rowValues()[i]);
                }
            }
            sink.part(Replica.PART, out.toByteArray());
            ByteArrayDataOutput row = new ByteArrayDataOutput(64);
            for (int t = 0; t < r.globalChanged.tables(); t++) {
                int w = r.globalChanged.width(t);
                for (int i = 0; i < r.globalChanged.count(t); i++) {
                    int k = r.globalChanged.row(t, i);
                    int from = r.globalChanged.offset(t) + k * w;
                    row.reset();
                    for (int d = 0; d < w; d++) {
                        row.writeFloat(r.global[from + d]);
                    }
                    sink.row(Replica.ROW_PREFIX + Integer.toString(t) + "/" + k, row.toByteArray());
                }
            }
            r.globalChanged.clear();
        } catch (IOException e) {
            throw new IllegalStateException("could not write the replica's checkpoint", e);
        }
    }

    static Replica read(Learner learner, PartSource source) {
        byte[] bytes = source.part(Replica.PART);
        if (bytes == null) {
            throw new SnapshotException("checkpoint has no part '" + Replica.PART + "': it is not a replica's");
        }
        Replica r;
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            int version = in.readInt();
            if (version != VERSION) {
                throw new SnapshotException("replica state version " + version + " is not supported (this build"
                        + " reads " + VERSION + ")");
            }
            r = new Replica(learner, in.readInt());
            r.sent = in.readLong();
            r.pendingSequence = in.readLong();
            r.mergedVersion = in.readLong();
            r.stepsAtSync = in.readLong();
            for (int t = 0; t < r.examplesAtSync.length; t++) {
                r.examplesAtSync[t] = in.readLong();
            }
            for (RunningStats g : r.globalStats) {
                g.readState(in);
            }
            int[] ranges = r.layout.denseRanges();
            for (int k = 0; k < ranges.length; k += 2) {
                for (int i = ranges[k], end = i + ranges[k + 1]; i < end; i++) {
                    r.global[i] = in.readFloat();
                }
            }
            learner.trainer.synced();
            TouchedRows since = learner.trainer.rowsSinceSync();
            if (in.readBoolean()) {
                learner.trainer.markAllRowsSinceSync();
            }
            for (int t = 0; t < since.tables(); t++) {
                for (int i = 0, n = in.readInt(); i < n; i++) {
                    since.mark(t, in.readInt());
                }
            }
            if (r.awaiting()) {
                r.sentStats = new RunningStats[r.globalStats.length];
                for (int k = 0; k < r.sentStats.length; k++) {
                    r.sentStats[k] = new RunningStats();
                    r.sentStats[k].readState(in);
                }
                r.sentDense = new float[r.layout.denseSize()];
                for (int i = 0; i < r.sentDense.length; i++) {
                    r.sentDense[i] = in.readFloat();
                }
                int n = in.readInt();
                long[] keys = new long[n];
                float[][] values = new float[n][];
                for (int i = 0; i < n; i++) {
                    keys[i] = in.readLong();
                    values[i] = new float[r.layout.tableWidth()[ParamChange.table(keys[i])]];
                    for (int d = 0; d < values[i].length; d++) {
                        values[i][d] = in.readFloat();
                    }
                }
                r.sentRows = new ParamChange(new float[0], keys, values);
            }
            if (in.available() != 0) {
                throw new SnapshotException("checkpoint part '" + Replica.PART + "' has " + in.available()
                        + " unread bytes");
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof SnapshotException s) {
                throw s;
            }
            throw new SnapshotException("checkpoint part '" + Replica.PART + "' does not fit this replica: "
                    + e.getMessage(), e);
        }
        TouchedRows tables = r.globalChanged;
        source.rows((key, value) -> {
            if (key.isEmpty() || key.charAt(0) != Replica.ROW_PREFIX) {
                return;
            }
            int[] tr = Checkpoints.pair(key, 1, "g<table>/<row>");
            int t = tr[0];
            int row = tr[1];
            if (t < 0 || t >= tables.tables() || row < 0 || row >= tables.rows(t)
                    || value.length != 4 * tables.width(t)) {
                throw new SnapshotException("checkpoint row " + key + " does not fit this model's tables");
            }
            ByteBuffer b = ByteBuffer.wrap(value);
            int from = tables.offset(t) + row * tables.width(t);
            for (int d = 0; d < tables.width(t); d++) {
                r.global[from + d] = b.getFloat();
            }
        });
        return r;
    }
}

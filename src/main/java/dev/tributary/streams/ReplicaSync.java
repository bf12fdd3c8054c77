package dev.tributary.streams;

import dev.tributary.learner.GlobalUpdate;
import dev.tributary.learner.Learner;
import dev.tributary.learner.ModelDelta;
import dev.tributary.learner.Replica;
import dev.tributary.records.ReplicaCodec;
import dev.tributary.records.ReplicaReport;
import dev.tributary.util.ByteArrayDataOutput;
import dev.tributary.util.PartSink;
import dev.tributary.util.PartSource;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.List;

/**
 * A stream task's learner replica in partitioned mode: sends its delta every {@code syncEvery}
 * training steps (or, while its last delta still waits, one wait record after that many more steps),
 * merges the global updates its partition of the global topic brings, and reports how it syncs. Its
 * state (the {@link Replica}'s and this class's: the wait record sent, chunks of an update being
 * received, counters) is part of the learner's checkpoint, so deltas, merges and the learner's
 * training commit together.
 */
final class ReplicaSync {
    static final String PART = "replica-sync";
    private static final int VERSION = 1;
    private final Replica replica;
    private final SyncSettings settings;
    private final Chunks.Assembler updates = new Chunks.Assembler();
    /** Whether the wait record of the waiting delta was sent. */
    private boolean waitSent;
    private long waitsSent;
    private long bytesSent;
    private long updatesMerged;
    private long duplicatesSkipped;
    /** The training steps at the last merge, and when it was (wall clock, 0 before the first). */
    private long stepsAtMerge;
    private long lastMergeMs;
    /** When the waiting delta was sent (wall clock), and the last and largest send-to-merge time. */
    private long sentAtMs;
    private long lastSyncLagMs = -1;
    private long maxSyncLagMs = -1;
    /** When the current hold began (wall clock, 0: not holding), whether it outlasted its bound, and counts. */
    private long holdingSince;
    private boolean holdExpired;
    private long holds;
    private long holdsExpired;
    /** Whether a hold began since {@link #holdBegan()} was last asked. */
    private boolean holdBegan;

    private ReplicaSync(Replica replica, SyncSettings settings) {
        this.replica = replica;
        this.settings = settings;
    }

    /**
     * The replica of partition {@code index} for a learner just created ({@code saved} null) or just
     * restored from {@code saved}; a learner restored from a checkpoint without a replica (written in
     * single mode) sends everything it learned with its first delta.
     */
    static ReplicaSync of(Learner learner, int index, PartSource saved, SyncSettings settings) {
        if (saved == null || saved.part("replica") == null) {
            return new ReplicaSync(new Replica(learner, index), settings);
        }
        Replica replica = Replica.restore(learner, saved);
        if (replica.index() != index) {
            throw new IllegalStateException("the checkpoint of partition " + index + " holds replica "
                    + replica.index() + "'s state: were the input topics' partitions changed?");
        }
        ReplicaSync sync = new ReplicaSync(replica, settings);
        byte[] own = saved.part(PART);
        if (own != null) {
            sync.read(own);
        }
        return sync;
    }

    Replica replica() {
        return replica;
    }

    /**
     * A record of the global topic: merged when it completes an update that is the next version,
     * skipped when it is one merged already (a redelivery under at-least-once). Throws {@link
     * IllegalStateException} on a gap: the replica cannot go on without the versions it missed.
     */
    void onGlobal(byte[] record, long now) {
        byte[] whole = updates.add(record);
        if (whole == null) {
            return;
        }
        GlobalUpdate u = ReplicaCodec.decodeUpdate(whole);
        long merged = replica.mergedVersion();
        if (u.version() <= merged) {
            duplicatesSkipped++;
            return;
        }
        if (u.version() != merged + 1) {
            throw new IllegalStateException("replica " + replica.index() + " merged global version " + merged
                    + " and now reads version " + u.version() + ": versions " + (merged + 1) + " to "
                    + (u.version() - 1) + " are gone from the global topic (its retention.ms must exceed the"
                    + " longest time a replica is down)");
        }
        boolean mine = replica.awaiting() && u.included()[replica.index()] == replica.waitingSequence();
        replica.merge(u);
        updatesMerged++;
        stepsAtMerge = replica.learner().steps();
        lastMergeMs = now;
        if (mine) {
            lastSyncLagMs = now - sentAtMs;
            maxSyncLagMs = Math.max(maxSyncLagMs, lastSyncLagMs);
            waitSent = false;
            holdingSince = 0;
            holdExpired = false;
        }
    }

    /**
     * Whether the replica must hold its {@code held} events now rather than score and learn from them:
     * its waiting delta has {@code maxAhead} steps behind it. A hold ends when the delta's update is
     * merged, or when it has lasted {@link SyncSettings#HOLD_TIMEOUT_MS} or holds {@link
     * SyncSettings#MAX_HELD_BATCHES} batches (the aggregator is down or far behind): the replica then
     * learns on until that update comes.
     */
    boolean holding(long now, int held, int batchSize) {
        if (!replica.awaiting() || replica.stepsSinceSync() < settings.maxAhead() || holdExpired) {
            return false;
        }
        if (holdingSince == 0) {
            holdingSince = now;
            holds++;
            holdBegan = true;
        }
        if (now - holdingSince > SyncSettings.HOLD_TIMEOUT_MS || held > SyncSettings.MAX_HELD_BATCHES * batchSize) {
            holdExpired = true;
            holdsExpired++;
            holdingSince = 0;
            return false;
        }
        return true;
    }

    /** Whether a hold began since the last call: the replica then wants its delta committed at once. */
    boolean holdBegan() {
        boolean began = holdBegan;
        holdBegan = false;
        return began;
    }

    /** After a micro-batch: the records to send to the deltas topic (a delta or a wait record, chunked), or none. */
    List<byte[]> afterBatch(long now) {
        if (replica.stepsSinceSync() < settings.syncEvery()) {
            return List.of();
        }
        byte[] record;
        if (!replica.awaiting()) {
            ModelDelta d = replica.delta();
            record = ReplicaCodec.encode(d);
            sentAtMs = now;
            waitSent = false;
        } else if (!waitSent) {
            record = ReplicaCodec.encode(new ReplicaCodec.Wait(replica.index(), replica.waitingSequence(),
                    replica.stepsSinceSync()));
            waitSent = true;
            waitsSent++;
        } else {
            return List.of();
        }
        bytesSent += record.length;
        return Chunks.split(record, replica.index());
    }

    /** How the replica syncs, for its metrics records. */
    ReplicaReport report(long now) {
        return new ReplicaReport(replica.index(), replica.mergedVersion(), replica.learner().steps() - stepsAtMerge,
                lastMergeMs == 0 ? -1 : now - lastMergeMs, replica.deltasSent(), waitsSent, bytesSent, updatesMerged,
                duplicatesSkipped, replica.awaiting(), lastSyncLagMs, maxSyncLagMs, holds, holdsExpired);
    }

    void checkpoint(PartSink sink) {
        replica.checkpoint(sink);
        ByteArrayDataOutput out = new ByteArrayDataOutput(128);
        out.writeInt(VERSION);
        out.writeBoolean(waitSent);
        out.writeLong(waitsSent);
        out.writeLong(bytesSent);
        out.writeLong(updatesMerged);
        out.writeLong(duplicatesSkipped);
        out.writeLong(stepsAtMerge);
        out.writeLong(lastMergeMs);
        out.writeLong(sentAtMs);
        out.writeLong(lastSyncLagMs);
        out.writeLong(maxSyncLagMs);
        out.writeLong(holdingSince);
        out.writeBoolean(holdExpired);
        out.writeLong(holds);
        out.writeLong(holdsExpired);
        updates.write(out);
        sink.part(PART, out.toByteArray());
    }

    private void read(byte[] bytes) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            int version = in.readInt();
            if (version != VERSION) {
                throw new IllegalStateException("part '" + PART + "' has version " + version + ", this build reads "
                        + VERSION);
            }
            waitSent = in.readBoolean();
            waitsSent = in.readLong();
            bytesSent = in.readLong();
            updatesMerged = in.readLong();
            duplicatesSkipped = in.readLong();
            stepsAtMerge = in.readLong();
            lastMergeMs = in.readLong();
            sentAtMs = in.readLong();
            lastSyncLagMs = in.readLong();
            maxSyncLagMs = in.readLong();
            holdingSince = in.readLong();
            holdExpired = in.readBoolean();
            holds = in.readLong();
            holdsExpired = in.readLong();
            updates.read(in);
        } catch (IOException e) {
            throw new IllegalStateException("part '" + PART + "' of the checkpoint is truncated", e);
        }
    }
}

package dev.tributary.streams;

import dev.tributary.records.RoundsCodec;
import dev.tributary.util.ByteArrayDataOutput;

import java.io.DataInputStream;
import java.io.IOException;

/** The aggregator's counters, checkpointed with its state and published as {@link RoundsCodec} records. */
final class RoundStats {
    /** Why a round closed: every replica had sent, a replica in it waited, it timed out, or its replica sent again. */
    enum Closed { ALL, WAIT, TIMEOUT, NEXT }

    long rounds;
    long deltas;
    long waits;
    long duplicates;
    long closedAll;
    long closedWait;
    long closedTimeout;
    long lastRoundDeltas;
    long lastRoundBytes;
    long maxRoundBytes;
    long lastRoundMs;
    long maxRoundMs;
    /** Bytes of the deltas in the open round. */
    long openBytes;

    void closed(Closed why, int deltas, long bytes, long ms) {
        rounds++;
        closedAll += why == Closed.ALL ? 1 : 0;
        closedWait += why == Closed.WAIT ? 1 : 0;
        closedTimeout += why == Closed.TIMEOUT ? 1 : 0;
        lastRoundDeltas = deltas;
        lastRoundBytes = bytes;
        maxRoundBytes = Math.max(maxRoundBytes, bytes);
        lastRoundMs = ms;
        maxRoundMs = Math.max(maxRoundMs, ms);
        openBytes = 0;
    }

    RoundsCodec.Rounds snapshot(long version, int replicas, int openDeltas, long openMs) {
        return new RoundsCodec.Rounds(version, replicas, rounds, deltas, waits, duplicates, closedAll, closedWait,
                closedTimeout, lastRoundDeltas, lastRoundBytes, maxRoundBytes, lastRoundMs, maxRoundMs, openDeltas,
                openBytes, openMs);
    }

    void write(ByteArrayDataOutput out) {
        for (long v : new long[]{rounds, deltas, waits, duplicates, closedAll, closedWait, closedTimeout,
                lastRoundDeltas, lastRoundBytes, maxRoundBytes, lastRoundMs, maxRoundMs, openBytes}) {
            out.writeLong(v);
        }
    }

    void read(DataInputStream in) throws IOException {
        rounds = in.readLong();
        deltas = in.readLong();
        waits = in.readLong();
        duplicates = in.readLong();
        closedAll = in.readLong();
        closedWait = in.readLong();
        closedTimeout = in.readLong();
        lastRoundDeltas = in.readLong();
        lastRoundBytes = in.readLong();
        maxRoundBytes = in.readLong();
        lastRoundMs = in.readLong();
        maxRoundMs = in.readLong();
        openBytes = in.readLong();
    }
}

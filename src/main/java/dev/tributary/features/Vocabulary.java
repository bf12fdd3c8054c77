package dev.tributary.features;

import dev.tributary.spec.VocabularySpec;
import it.unimi.dsi.fastutil.ints.IntArrayList;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A bounded, collision-free vocabulary of one categorical feature: each admitted value owns one row of
 * the feature's embedding table, and row {@value #UNKNOWN} is shared by missing values and by values
 * without a row. After the collisionless embedding table of Monolith (Liu et al., "Monolith: Real Time
 * Recommendation System With Collisionless Embedding Table", 2022, §2.1): a value gets a row once it
 * has arrived {@code minCount} times (frequency filtering), a row whose value has not arrived for
 * {@code expireAfter} of event time is freed (expirable embeddings), and, to keep memory bounded where
 * Monolith grows its table, a full table gives the row of its least recently seen value to the new
 * one.
 *
 * <p>Values are known by a 64-bit fingerprint of their text ({@link FeatureEncoder}): two distinct
 * values share a row only if their fingerprints collide, with probability about n²/2⁶⁵ for n distinct
 * values (10⁻⁶ for ten million), against certainty for n above the bucket count under hashing.
 *
 * <p>Event time is the stream time, the largest timestamp seen so far, so that the least recently
 * seen entry is also the one seen longest ago. Values are counted towards admission in a second,
 * bounded table of candidates that forgets its least recently seen value when full and expires like
 * the rows. Every decision depends only on the arrivals in order, so a restored vocabulary continues
 * identically; the entries changed since the last checkpoint are listed ({@link #forEachChanged}), so a
 * checkpoint writes those and not the whole vocabulary.
 *
 * <p>Call order per arrival: {@link #row} when encoding, then {@link #observe}; a row given to a new
 * value is listed in {@link #reassigned()} until {@link #clearReassigned()}, for its owner to
 * re-initialise. Not thread-safe.
 */
public final class Vocabulary {
    /** The row of missing values and of values without a row of their own. */
    public static final int UNKNOWN = 0;
    /** Bytes of one entry in {@link #writeEntry}: fingerprint, last seen, recency, arrivals. */
    public static final int ENTRY_BYTES = 8 + 8 + 8 + 4;
    /** Heap bytes per row or candidate slot: the entry, its list links and dirty stamp, the hash index. */
    public static final int BYTES_PER_SLOT = 8 + 8 + 8 + 4 + 4 + 4 + 4 + 2 * 12;

    private final VocabularySpec spec;
    private final VocabularySlots rows;
    private final VocabularySlots candidates;
    private final IntArrayList reassigned = new IntArrayList();
    private long streamTime = Long.MIN_VALUE;
    private long sequence;
    private long lookups;
    private long unknown;
    private long admitted;
    private long evicted;
    private long expired;

    /** A vocabulary giving rows {@code 1 .. buckets - 1} of a table of {@code buckets} rows. */
    public Vocabulary(VocabularySpec spec, int buckets) {
        if (buckets < 2) {
            throw new IllegalArgumentException("a vocabulary needs at least 2 buckets (row 0 is unknown), found "
                    + buckets);
        }
        this.spec = spec;
        this.rows = new VocabularySlots(buckets - 1);
        this.candidates = spec.minCount() > 1 ? new VocabularySlots(spec.candidates()) : null;
    }

    /** The row of the value with fingerprint {@code id}, {@link #UNKNOWN} if it has none; changes nothing. */
    public int row(long id) {
        int r = rows.find(id);
        return r < 0 ? UNKNOWN : r;
    }

    /**
     * One arrival of the value with fingerprint {@code id} (not 0) at event time {@code timestamp}:
     * expires what is older than {@code expireAfter}, refreshes the value's row, or counts it towards
     * admission and admits it. Returns whether a row was given to the value (see {@link #reassigned()}).
     */
    public boolean observe(long id, long timestamp) {
        if (id == 0) {
            throw new IllegalArgumentException("fingerprint 0 stands for a missing value");
        }
        if (timestamp > streamTime) {
            streamTime = timestamp;
        }
        if (spec.expires()) {
            expire();
        }
        lookups++;
        int r = rows.find(id);
        if (r > 0) {
            rows.touch(r, streamTime, ++sequence);
            return false;
        }
        unknown++;
        if (candidates == null) {
            admit(id);
            return true;
        }
        int c = candidates.find(id);
        if (c < 0) {
            if (candidates.full()) {
                candidates.remove(candidates.oldest());
            }
            candidates.insert(id, streamTime, ++sequence, 1);
            return false;
        }
        if (candidates.count[c] + 1 < spec.minCount()) {
            candidates.count[c]++;
            candidates.touch(c, streamTime, ++sequence);
            return false;
        }
        candidates.remove(c);
        admit(id);
        return true;
    }

    private void admit(long id) {
        if (rows.full()) {
            rows.remove(rows.oldest());
            evicted++;
        }
        int r = rows.insert(id, streamTime, ++sequence, spec.minCount());
        admitted++;
        reassigned.add(r);
    }

    private void expire() {
        long horizon = streamTime < Long.MIN_VALUE + spec.expireAfterMs() ? Long.MIN_VALUE
                : streamTime - spec.expireAfterMs();
        for (int o = rows.oldest(); o > 0 && rows.seen[o] < horizon; o = rows.oldest()) {
            rows.remove(o);
            expired++;
        }
        if (candidates != null) {
            for (int o = candidates.oldest(); o > 0 && candidates.seen[o] < horizon; o = candidates.oldest()) {
                candidates.remove(o);
            }
        }
    }

    /** The rows given to new values since {@link #clearReassigned()}, in order. */
    public IntArrayList reassigned() {
        return reassigned;
    }

    public void clearReassigned() {
        reassigned.clear();
    }

    /** Rows of the table, the unknown row included. */
    public int buckets() {
        return rows.capacity + 1;
    }

    /** Values that own a row now. */
    public int live() {
        return rows.size;
    }

    /** Values being counted towards admission now. */
    public int counting() {
        return candidates == null ? 0 : candidates.size;
    }

    /** Arrivals of present values. */
    public long lookups() {
        return lookups;
    }

    /** Arrivals of present values that had no row and used the unknown row. */
    public long unknown() {
        return unknown;
    }

    /** Values given a row. */
    public long admitted() {
        return admitted;
    }

    /** Rows taken from their value because the table was full. */
    public long evicted() {
        return evicted;
    }

    /** Rows freed because their value had not arrived for {@code expireAfter}. */
    public long expired() {
        return expired;
    }

    /** Whether there is a candidate table ({@code minCount} above 1). */
    public boolean counts() {
        return candidates != null;
    }

    // ---- state ----

    /** The counters and allocation marks (without entries): small, written at every checkpoint. */
    public void writeCounters(DataOutput out) throws IOException {
        out.writeLong(streamTime);
        out.writeLong(sequence);
        out.writeLong(lookups);
        out.writeLong(unknown);
        out.writeLong(admitted);
        out.writeLong(evicted);
        out.writeLong(expired);
        out.writeInt(rows.nextUnused);
        out.writeInt(candidates == null ? 0 : candidates.nextUnused);
    }

    /** Reads {@link #writeCounters} into an empty vocabulary; entries follow, then {@link #rebuild}. */
    public void readCounters(DataInput in) throws IOException {
        if (rows.size != 0 || candidates != null && candidates.size != 0) {
            throw new IllegalStateException("counters are read into an empty vocabulary");
        }
        streamTime = in.readLong();
        sequence = in.readLong();
        lookups = in.readLong();
        unknown = in.readLong();
        admitted = in.readLong();
        evicted = in.readLong();
        expired = in.readLong();
        rows.setNextUnused(in.readInt(), "rows");
        int c = in.readInt();
        if (candidates == null && c != 0) {
            throw new IOException("vocabulary has candidates, but this spec's minCount is 1");
        }
        if (candidates != null) {
            candidates.setNextUnused(c, "candidates");
        }
    }

    /** Writes the entry of a row ({@code candidate} false) or of a candidate slot. */
    public void writeEntry(boolean candidate, int slot, DataOutput out) throws IOException {
        VocabularySlots s = candidate ? candidates : rows;
        out.writeLong(s.id[slot]);
        out.writeLong(s.seen[slot]);
        out.writeLong(s.seq[slot]);
        out.writeInt(s.count[slot]);
    }

    /** Reads an entry {@link #writeEntry} wrote, after {@link #readCounters}; {@link #rebuild} when all are read. */
    public void readEntry(boolean candidate, int slot, DataInput in) throws IOException {
        VocabularySlots s = candidate ? candidates : rows;
        String what = candidate ? "candidate" : "row";
        if (s == null) {
            throw new IOException("vocabulary has a candidate, but this spec's minCount is 1");
        }
        if (slot < 1 || slot >= s.nextUnused) {
            throw new IOException("vocabulary " + what + " " + slot + " is outside 1.." + (s.nextUnused - 1));
        }
        if (s.id[slot] != 0) {
            throw new IOException("vocabulary " + what + " " + slot + " is read twice");
        }
        long id = in.readLong();
        long seen = in.readLong();
        long seq = in.readLong();
        int count = in.readInt();
        if (id == 0 || seq < 1 || seq > sequence || seen > streamTime || count < 0) {
            throw new IOException("vocabulary " + what + " " + slot + " is not a valid entry");
        }
        if (s.index.putIfAbsent(id, slot) != s.index.defaultReturnValue()) {
            throw new IOException("vocabulary " + what + " " + slot + " repeats the value of another");
        }
        s.id[slot] = id;
        s.seen[slot] = seen;
        s.seq[slot] = seq;
        s.count[slot] = count;
        s.size++;
    }

    /** After the entries are read: recency order and free slots as they were. */
    public void rebuild() throws IOException {
        rows.rebuild();
        if (candidates != null) {
            candidates.rebuild();
            for (int c = 1; c < candidates.nextUnused; c++) {
                if (candidates.id[c] != 0 && rows.find(candidates.id[c]) > 0) {
                    throw new IOException("vocabulary candidate " + c + " already has a row");
                }
            }
        }
    }

    /** The complete vocabulary: counters, then every entry with its slot. */
    public void writeState(DataOutput out) throws IOException {
        writeCounters(out);
        for (VocabularySlots s : candidates == null ? new VocabularySlots[]{rows} : new VocabularySlots[]{rows, candidates}) {
            out.writeInt(s.size);
            for (int slot = 1; slot < s.nextUnused; slot++) {
                if (s.id[slot] != 0) {
                    out.writeInt(slot);
                    writeEntry(s == candidates, slot, out);
                }
            }
        }
    }

    /** Reads {@link #writeState} into an empty vocabulary of the same spec. */
    public void readState(DataInput in) throws IOException {
        readCounters(in);
        for (VocabularySlots s : candidates == null ? new VocabularySlots[]{rows} : new VocabularySlots[]{rows, candidates}) {
            int n = in.readInt();
            if (n < 0 || n > s.capacity) {
                throw new IOException("vocabulary has " + n + " entries, at most " + s.capacity + " fit");
            }
            for (int i = 0; i < n; i++) {
                readEntry(s == candidates, in.readInt(), in);
            }
        }
        rebuild();
    }

    /** Visits each row and candidate slot changed since {@link #clearChanged}, with whether it is in use. */
    public void forEachChanged(ChangeVisitor visitor) throws IOException {
        for (int i = 0; i < rows.changed.size(); i++) {
            int slot = rows.changed.getInt(i);
            visitor.changed(false, slot, rows.id[slot] != 0);
        }
        for (int i = 0; candidates != null && i < candidates.changed.size(); i++) {
            int slot = candidates.changed.getInt(i);
            visitor.changed(true, slot, candidates.id[slot] != 0);
        }
    }

    /** Counts every slot ever used as changed (the state came from somewhere that did not hold them). */
    public void markAllChanged() {
        rows.markAllChanged();
        if (candidates != null) {
            candidates.markAllChanged();
        }
    }

    public void clearChanged() {
        rows.clearChanged();
        if (candidates != null) {
            candidates.clearChanged();
        }
    }

    /** What {@link #forEachChanged} calls for each changed slot. */
    @FunctionalInterface
    public interface ChangeVisitor {
        /** A changed slot: write its entry when {@code used}, otherwise delete what was stored for it. */
        void changed(boolean candidate, int slot, boolean used) throws IOException;
    }
}

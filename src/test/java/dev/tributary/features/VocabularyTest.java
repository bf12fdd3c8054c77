package dev.tributary.features;

import dev.tributary.spec.FeatureSpec;
import dev.tributary.spec.VocabularySpec;
import dev.tributary.util.ByteArrayDataOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bounded vocabulary against a plain reference implementation (linked hash maps in recency order,
 * a sorted set of free rows), on skewed streams with out-of-order timestamps: the same row for every
 * value after every arrival, the same counts; and a restored vocabulary continues identically.
 */
class VocabularyTest {

    /** The vocabulary's rules written as plainly as possible. */
    static final class Reference {
        final int capacity;
        final VocabularySpec spec;
        /** Value → {row, last seen}, least recently seen first. */
        final LinkedHashMap<Long, long[]> rows = new LinkedHashMap<>();
        /** Value → {arrivals, last seen}, least recently seen first. */
        final LinkedHashMap<Long, long[]> candidates = new LinkedHashMap<>();
        final TreeSet<Integer> free = new TreeSet<>();
        int nextUnused = 1;
        long streamTime = Long.MIN_VALUE;
        long lookups;
        long unknown;
        long admitted;
        long evicted;
        long expired;

        Reference(VocabularySpec spec, int buckets) {
            this.spec = spec;
            this.capacity = buckets - 1;
        }

        int row(long id) {
            long[] e = rows.get(id);
            return e == null ? 0 : (int) e[0];
        }

        void observe(long id, long ts) {
            streamTime = Math.max(streamTime, ts);
            if (spec.expires()) {
                long horizon = streamTime - spec.expireAfterMs();
                for (Iterator<long[]> it = rows.values().iterator(); it.hasNext(); ) {
                    long[] e = it.next();
                    if (e[1] >= horizon) {
                        break;
                    }
                    free.add((int) e[0]);
                    it.remove();
                    expired++;
                }
                candidates.values().removeIf(e -> e[1] < horizon);
            }
            lookups++;
            long[] e = rows.remove(id);
            if (e != null) {
                e[1] = streamTime;
                rows.put(id, e);
                return;
            }
            unknown++;
            long[] c = candidates.remove(id);
            long count = c == null ? 1 : c[0] + 1;
            if (count >= spec.minCount()) {
                if (rows.size() == capacity) {
                    Iterator<long[]> it = rows.values().iterator();
                    free.add((int) it.next()[0]);
                    it.remove();
                    evicted++;
                }
                int row = free.isEmpty() ? nextUnused++ : free.pollFirst();
                rows.put(id, new long[]{row, streamTime});
                admitted++;
            } else {
                if (c == null && candidates.size() == spec.candidates()) {
                    Iterator<long[]> it = candidates.values().iterator();
                    it.next();
                    it.remove();
                }
                candidates.put(id, new long[]{count, streamTime});
            }
        }
    }

    /** A Zipf-like stream of ids over {@code values} values, timestamps rising with jitter of ±jitter. */
    static long[][] stream(int n, int values, long jitter, long seed) {
        Random rnd = new Random(seed);
        long[][] out = new long[n][2];
        for (int i = 0; i < n; i++) {
            int v = (int) Math.floor(Math.pow(values, rnd.nextDouble()));
            out[i][0] = 1000 + v * 7919L;
            out[i][1] = i * 10L + (jitter == 0 ? 0 : rnd.nextLong(-jitter, jitter + 1));
        }
        return out;
    }

    @ParameterizedTest(name = "buckets {0}, minCount {1}, expireAfter {2} ms, candidates {3}")
    @CsvSource({"64, 1, 0, 0", "64, 2, 0, 32", "64, 3, 500, 200", "1000, 2, 2000, 1000", "16, 1, 300, 0",
            "2, 2, 0, 1"})
    void shouldGiveTheRowsTheReferenceGives(int buckets, int minCount, long expire, int candidates) {
        VocabularySpec spec = new VocabularySpec(minCount, expire, candidates);
        Vocabulary v = new Vocabulary(spec, buckets);
        Reference ref = new Reference(spec, buckets);
        long[][] s = stream(20_000, 5000, 40, 7);
        Map<Long, Boolean> seen = new HashMap<>();
        for (long[] e : s) {
            int before = ref.row(e[0]);
            assertEquals(before, v.row(e[0]), "row before arrival of " + e[0]);
            boolean gave = v.observe(e[0], e[1]);
            ref.observe(e[0], e[1]);
            assertEquals(ref.row(e[0]), v.row(e[0]), "row after arrival of " + e[0]);
            assertEquals(before == 0 && ref.row(e[0]) != 0, gave, "a row was given");
            if (gave) {
                assertEquals(ref.row(e[0]), v.reassigned().getInt(v.reassigned().size() - 1));
            }
            v.clearReassigned();
            seen.put(e[0], true);
        }
        for (long id : seen.keySet()) {
            assertEquals(ref.row(id), v.row(id), "final row of " + id);
        }
        assertEquals(ref.rows.size(), v.live());
        assertEquals(ref.lookups, v.lookups());
        assertEquals(ref.unknown, v.unknown());
        assertEquals(ref.admitted, v.admitted());
        assertEquals(ref.evicted, v.evicted());
        assertEquals(ref.expired, v.expired());
        assertEquals(minCount == 1 ? 0 : ref.candidates.size(), v.counting());
        assertTrue(v.admitted() > 0 && v.unknown() > v.admitted() - 1, "the stream exercised admission");
        if (buckets < 1000) {
            assertTrue(v.evicted() + v.expired() > 0, "the stream exercised eviction or expiry");
        }
    }

    @Test
    void shouldGiveDistinctValuesDistinctRowsWhereHashingCollides() {
        Vocabulary v = new Vocabulary(new VocabularySpec(1, 0, 0), 1025);
        FeatureEncoder hashed = new FeatureEncoder(List.of(
                FeatureSpec.categorical("id", 1025, 4)));
        Map<Integer, String> byBucket = new HashMap<>();
        String a = null;
        String b = null;
        for (int i = 0; a == null; i++) {
            String value = "user-" + i;
            String other = byBucket.putIfAbsent(hashed.bucket(0, value), value);
            if (other != null) {
                a = other;
                b = value;
            }
        }
        assertEquals(hashed.bucket(0, a), hashed.bucket(0, b), "the hashing trick puts both in one bucket");
        v.observe(FeatureEncoder.fingerprint(a), 0);
        v.observe(FeatureEncoder.fingerprint(b), 0);
        assertNotEquals(v.row(FeatureEncoder.fingerprint(a)), v.row(FeatureEncoder.fingerprint(b)));
        assertTrue(v.row(FeatureEncoder.fingerprint(a)) > 0 && v.row(FeatureEncoder.fingerprint(b)) > 0);
    }

    @Test
    void shouldContinueIdenticallyAfterARestoreFromItsStateAndFromItsChangedEntries() throws IOException {
        VocabularySpec spec = new VocabularySpec(2, 2000, 300);
        long[][] s = stream(30_000, 4000, 30, 11);
        Vocabulary a = new Vocabulary(spec, 33);
        // The incremental copy: counters plus the entries changed since the last "checkpoint".
        Map<String, byte[]> entries = new TreeMap<>();
        byte[] counters = null;
        for (int i = 0; i < 20_000; i++) {
            a.observe(s[i][0], s[i][1]);
            if (i % 997 == 0 || i == 19_999) {
                counters = checkpoint(a, entries);
            }
        }
        ByteArrayDataOutput full = new ByteArrayDataOutput(1024);
        a.writeState(full);
        Vocabulary b = new Vocabulary(spec, 33);
        b.readState(new DataInputStream(new ByteArrayInputStream(full.toByteArray())));
        Vocabulary c = new Vocabulary(spec, 33);
        c.readCounters(new DataInputStream(new ByteArrayInputStream(counters)));
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            c.readEntry(e.getKey().charAt(0) == 'c', Integer.parseInt(e.getKey().substring(1)),
                    new DataInputStream(new ByteArrayInputStream(e.getValue())));
        }
        c.rebuild();
        a.clearReassigned();
        for (int i = 20_000; i < s.length; i++) {
            boolean gave = a.observe(s[i][0], s[i][1]);
            assertEquals(gave, b.observe(s[i][0], s[i][1]), "arrival " + i + " (full state)");
            assertEquals(gave, c.observe(s[i][0], s[i][1]), "arrival " + i + " (changed entries)");
            assertEquals(a.row(s[i][0]), b.row(s[i][0]));
            assertEquals(a.row(s[i][0]), c.row(s[i][0]));
        }
        assertTrue(a.reassigned().size() > 100 && a.reassigned().equals(b.reassigned())
                && a.reassigned().equals(c.reassigned()), "the same rows given, in the same order");
        assertEquals(a.evicted(), c.evicted());
        assertEquals(a.expired(), c.expired());
        assertTrue(a.expired() > 0 && a.evicted() > 0, "the continuation exercised expiry and eviction");
    }

    /** Applies the changed entries to {@code entries} (written or deleted) and returns the counters. */
    private static byte[] checkpoint(Vocabulary v, Map<String, byte[]> entries) throws IOException {
        ByteArrayDataOutput counters = new ByteArrayDataOutput(128);
        v.writeCounters(counters);
        v.forEachChanged((candidate, slot, used) -> {
            String key = (candidate ? "c" : "v") + slot;
            if (used) {
                ByteArrayDataOutput out = new ByteArrayDataOutput(Vocabulary.ENTRY_BYTES);
                v.writeEntry(candidate, slot, out);
                entries.put(key, out.toByteArray());
            } else {
                entries.remove(key);
            }
        });
        v.clearChanged();
        return counters.toByteArray();
    }

    @Test
    void shouldRefuseStateThatDoesNotFit() throws IOException {
        VocabularySpec spec = new VocabularySpec(1, 0, 0);
        Vocabulary a = new Vocabulary(spec, 9);
        for (int i = 1; i <= 5; i++) {
            a.observe(i, i);
        }
        ByteArrayDataOutput counters = new ByteArrayDataOutput(128);
        a.writeCounters(counters);
        Vocabulary small = new Vocabulary(spec, 3);
        IOException e = assertThrows(IOException.class,
                () -> small.readCounters(new DataInputStream(new ByteArrayInputStream(counters.toByteArray()))));
        assertTrue(e.getMessage().contains("rows mark 6 is outside 1..3"), e.getMessage());
        Vocabulary b = new Vocabulary(spec, 9);
        b.readCounters(new DataInputStream(new ByteArrayInputStream(counters.toByteArray())));
        ByteArrayDataOutput entry = new ByteArrayDataOutput(Vocabulary.ENTRY_BYTES);
        a.writeEntry(false, 2, entry);
        b.readEntry(false, 2, new DataInputStream(new ByteArrayInputStream(entry.toByteArray())));
        e = assertThrows(IOException.class, () -> b.readEntry(false, 3,
                new DataInputStream(new ByteArrayInputStream(entry.toByteArray()))));
        assertTrue(e.getMessage().contains("repeats the value of another"), e.getMessage());
        e = assertThrows(IOException.class, () -> b.readEntry(false, 7,
                new DataInputStream(new ByteArrayInputStream(entry.toByteArray()))));
        assertTrue(e.getMessage().contains("row 7 is outside 1..5"), e.getMessage());
    }
}

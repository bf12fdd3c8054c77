package dev.tributary.features;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntArrays;
import it.unimi.dsi.fastutil.ints.IntHeapPriorityQueue;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;

import java.io.IOException;
import java.util.Arrays;

/**
 * The entries of a {@link Vocabulary}'s rows or of its candidates: slots {@code 1 .. capacity} (an
 * entry's fingerprint, last seen time, recency stamp and arrivals), a hash index from fingerprint to
 * slot, a recency list (a circular doubly linked list through slot 0: {@code next[0]} the most
 * recent, {@code prev[0]} the least), the free slots below {@link #nextUnused} (taken lowest first, so
 * that a restored vocabulary allocates as the original did) and the slots changed since the last
 * checkpoint.
 */
final class VocabularySlots {
    final int capacity;
    final long[] id;
    final long[] seen;
    final long[] seq;
    final int[] count;
    final int[] prev;
    final int[] next;
    final int[] stamp;
    final Long2IntOpenHashMap index;
    final IntHeapPriorityQueue free = new IntHeapPriorityQueue();
    final IntArrayList changed = new IntArrayList();
    int epoch = 1;
    int nextUnused = 1;
    int size;

    VocabularySlots(int capacity) {
        this.capacity = capacity;
        id = new long[capacity + 1];
        seen = new long[capacity + 1];
        seq = new long[capacity + 1];
        count = new int[capacity + 1];
        prev = new int[capacity + 1];
        next = new int[capacity + 1];
        stamp = new int[capacity + 1];
        index = new Long2IntOpenHashMap(Math.min(capacity, 1 << 16));
        index.defaultReturnValue(-1);
    }

    int find(long key) {
        return index.get(key);
    }

    boolean full() {
        return size == capacity;
    }

    /** The least recently seen slot in use, or -1 when none is. */
    int oldest() {
        return size == 0 ? -1 : prev[0];
    }

    int insert(long key, long time, long recency, int arrivals) {
        int s = !free.isEmpty() ? free.dequeueInt() : nextUnused++;
        id[s] = key;
        seen[s] = time;
        seq[s] = recency;
        count[s] = arrivals;
        index.put(key, s);
        linkFront(s);
        size++;
        mark(s);
        return s;
    }

    void touch(int s, long time, long recency) {
        seen[s] = time;
        seq[s] = recency;
        unlink(s);
        linkFront(s);
        mark(s);
    }

    void remove(int s) {
        index.remove(id[s]);
        id[s] = 0;
        count[s] = 0;
        unlink(s);
        free.enqueue(s);
        size--;
        mark(s);
    }

    private void linkFront(int s) {
        next[s] = next[0];
        prev[s] = 0;
        prev[next[0]] = s;
        next[0] = s;
    }

    private void unlink(int s) {
        next[prev[s]] = next[s];
        prev[next[s]] = prev[s];
    }

    void setNextUnused(int n, String what) throws IOException {
        if (n < 1 || n > capacity + 1) {
            throw new IOException("vocabulary " + what + " mark " + n + " is outside 1.." + (capacity + 1));
        }
        nextUnused = n;
    }

    /** Links the entries read in by recency and lists the free slots. */
    void rebuild() {
        int[] used = new int[size];
        int n = 0;
        for (int s = 1; s < nextUnused; s++) {
            if (id[s] != 0) {
                used[n++] = s;
            } else {
                free.enqueue(s);
            }
        }
        IntArrays.quickSort(used, 0, n, (a, b) -> Long.compare(seq[a], seq[b]));
        next[0] = 0;
        prev[0] = 0;
        for (int i = 0; i < n; i++) {
            linkFront(used[i]);
        }
    }

    private void mark(int s) {
        if (stamp[s] != epoch) {
            stamp[s] = epoch;
            changed.add(s);
        }
    }

    void markAllChanged() {
        for (int s = 1; s < nextUnused; s++) {
            mark(s);
        }
    }

    void clearChanged() {
        changed.clear();
        if (++epoch == Integer.MAX_VALUE) {
            Arrays.fill(stamp, 0);
            epoch = 1;
        }
    }
}

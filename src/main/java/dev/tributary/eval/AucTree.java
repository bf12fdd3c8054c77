package dev.tributary.eval;

import dev.tributary.util.Rng;

/**
 * The exact area under the ROC curve of a multiset of (score, label) pairs that changes by one
 * insertion or removal at a time: the Mann–Whitney statistic
 * {@code U = #{(p, n) : s_p > s_n} + ½ #{(p, n) : s_p = s_n}} over positive/negative pairs, so that
 * {@code AUC = U / (n+ n-)}. This equals the rank-sum form
 * {@code (Σ ranks of positives − n+(n+ + 1)/2) / (n+ n-)} with tied scores given their mid-rank.
 *
 * <p>Inserting a positive with score {@code s} adds its pairs with every negative present:
 * {@code #neg(< s) + ½ #neg(= s)}; a negative adds {@code #pos(> s) + ½ #pos(= s)}; a removal
 * subtracts the same. Those counts come from a treap (Seidel &amp; Aragon 1996) keyed by distinct
 * score, each node holding its own positive/negative counts and its subtree's totals, so an update
 * costs O(log n) expected time and the tree holds at most one node per event. {@code 2U} is kept as
 * a {@code long}, so the AUC is exact (no drift however long the stream) and independent of the
 * tree's shape: rebuilding the tree from the same multiset gives the same value bit for bit.
 *
 * <p>Arrays are flat; node 0 is the empty sentinel. Not thread-safe.
 */
final class AucTree {
    private static final int NIL = 0;

    private final double[] key;
    private final int[] left;
    private final int[] right;
    private final long[] priority;
    private final int[] pos;
    private final int[] neg;
    private final int[] subPos;
    private final int[] subNeg;
    private final int[] free;
    private final Rng priorities = new Rng(0x7A1B_5EEDL);
    private int freeTop;
    private int root = NIL;
    private long twiceU;
    private int positives;
    private int negatives;
    // Results of the last query() / split(), kept in fields to stay allocation-free.
    private int negLess;
    private int negEqual;
    private int posGreater;
    private int posEqual;
    private int splitLeft;
    private int splitRight;

    AucTree(int capacity) {
        int nodes = capacity + 1;
        key = new double[nodes];
        left = new int[nodes];
        right = new int[nodes];
        priority = new long[nodes];
        pos = new int[nodes];
        neg = new int[nodes];
        subPos = new int[nodes];
        subNeg = new int[nodes];
        free = new int[capacity];
        clear();
    }

    void clear() {
        root = NIL;
        twiceU = 0;
        positives = 0;
        negatives = 0;
        freeTop = 0;
        for (int node = free.length; node >= 1; node--) {
            free[freeTop++] = node;
        }
        priorities.setState(0x7A1B_5EEDL);
    }

    int positives() {
        return positives;
    }

    int negatives() {
        return negatives;
    }

    /** Exact AUC of the pairs present; NaN unless both classes are present. */
    double auc() {
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return twiceU / (2.0 * positives * negatives);
    }

    void add(double score, boolean positive) {
        query(score);
        if (positive) {
            twiceU += 2L * negLess + negEqual;
            positives++;
        } else {
            twiceU += 2L * posGreater + posEqual;
            negatives++;
        }
        if (posEqual + negEqual > 0) {
            adjustPath(score, positive, +1);
        } else {
            insertNode(score, positive);
        }
    }

    /** Removes one pair equal to ({@code score}, {@code positive}), which must be present. */
    void remove(double score, boolean positive) {
        query(score);
        if (positive ? posEqual == 0 : negEqual == 0) {
            throw new IllegalStateException("no " + (positive ? "positive" : "negative")
                    + " with score " + score + " to remove");
        }
        if (positive) {
            twiceU -= 2L * negLess + negEqual;
            positives--;
        } else {
            twiceU -= 2L * posGreater + posEqual;
            negatives--;
        }
        if (posEqual + negEqual > 1) {
            adjustPath(score, positive, -1);
        } else {
            root = erase(root, score);
        }
    }

    /** Counts negatives below / equal to and positives above / equal to {@code s}. */
    private void query(double s) {
        negLess = 0;
        negEqual = 0;
        posGreater = 0;
        posEqual = 0;
        int t = root;
        while (t != NIL) {
            if (s < key[t]) {
                posGreater += pos[t] + subPos[right[t]];
                t = left[t];
            } else if (s > key[t]) {
                negLess += neg[t] + subNeg[left[t]];
                t = right[t];
            } else {
                negLess += subNeg[left[t]];
                posGreater += subPos[right[t]];
                negEqual = neg[t];
                posEqual = pos[t];
                return;
            }
        }
    }

    /** Changes the count of an existing key by {@code delta}, fixing subtree totals on the way down. */
    private void adjustPath(double s, boolean positive, int delta) {
        int t = root;
        while (true) {
            if (positive) {
                subPos[t] += delta;
            } else {
                subNeg[t] += delta;
            }
            if (s < key[t]) {
                t = left[t];
            } else if (s > key[t]) {
                t = right[t];
            } else {
                if (positive) {
                    pos[t] += delta;
                } else {
                    neg[t] += delta;
                }
                return;
            }
        }
    }

    private void insertNode(double s, boolean positive) {
        if (freeTop == 0) {
            throw new IllegalStateException("AUC tree is full (" + free.length + " distinct scores)");
        }
        int node = free[--freeTop];
        key[node] = s;
        left[node] = NIL;
        right[node] = NIL;
        priority[node] = priorities.nextLong();
        pos[node] = positive ? 1 : 0;
        neg[node] = positive ? 0 : 1;
        pull(node);
        split(root, s);
        root = merge(merge(splitLeft, node), splitRight);
    }

    /** Splits {@code t} into keys {@code < s} (splitLeft) and keys {@code >= s} (splitRight). */
    private void split(int t, double s) {
        if (t == NIL) {
            splitLeft = NIL;
            splitRight = NIL;
        } else if (key[t] < s) {
            split(right[t], s);
            right[t] = splitLeft;
            pull(t);
            splitLeft = t;
        } else {
            split(left[t], s);
            left[t] = splitRight;
            pull(t);
            splitRight = t;
        }
    }

    /** Joins two treaps where every key of {@code a} is below every key of {@code b}. */
    private int merge(int a, int b) {
        if (a == NIL) {
            return b;
        }
        if (b == NIL) {
            return a;
        }
        if (priority[a] > priority[b]) {
            right[a] = merge(right[a], b);
            pull(a);
            return a;
        }
        left[b] = merge(a, left[b]);
        pull(b);
        return b;
    }

    private int erase(int t, double s) {
        if (s == key[t]) {
            int joined = merge(left[t], right[t]);
            free[freeTop++] = t;
            return joined;
        }
        if (s < key[t]) {
            left[t] = erase(left[t], s);
        } else {
            right[t] = erase(right[t], s);
        }
        pull(t);
        return t;
    }

    private void pull(int t) {
        subPos[t] = pos[t] + subPos[left[t]] + subPos[right[t]];
        subNeg[t] = neg[t] + subNeg[left[t]] + subNeg[right[t]];
    }
}

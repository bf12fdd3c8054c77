package dev.tributary.eval;

import java.util.Arrays;
import java.util.Comparator;
import org.nd4j.evaluation.classification.ROC;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Independent AUC computations used as oracles by the tests. */
final class AucOracles {
    private AucOracles() {
    }

    /** O(n²) Mann–Whitney pair count, ties ½, in the same exact arithmetic (2U / 2 n+ n-). */
    static double bruteForce(double[] scores, boolean[] positive, int from, int to) {
        long twiceU = 0;
        long p = 0;
        long n = 0;
        for (int i = from; i < to; i++) {
            if (positive[i]) {
                p++;
            } else {
                n++;
            }
            if (!positive[i]) {
                continue;
            }
            for (int j = from; j < to; j++) {
                if (!positive[j]) {
                    twiceU += scores[i] > scores[j] ? 2 : scores[i] == scores[j] ? 1 : 0;
                }
            }
        }
        return p == 0 || n == 0 ? Double.NaN : twiceU / (2.0 * p * n);
    }

    /** Rank-sum formula with mid-ranks for ties: (R+ − n+(n+ + 1)/2) / (n+ n-). O(n log n). */
    static double midRank(double[] scores, boolean[] positive, int from, int to) {
        Integer[] order = new Integer[to - from];
        for (int i = 0; i < order.length; i++) {
            order[i] = from + i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        double rankSumPositives = 0;
        long p = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double midRank = (i + 1 + j + 1) / 2.0;
            for (int k = i; k <= j; k++) {
                if (positive[order[k]]) {
                    rankSumPositives += midRank;
                    p++;
                }
            }
            i = j + 1;
        }
        long n = order.length - p;
        if (p == 0 || n == 0) {
            return Double.NaN;
        }
        return (rankSumPositives - p * (p + 1) / 2.0) / ((double) p * n);
    }

    /**
     * ND4J's exact ROC (thresholdSteps = 0). Only valid without tied scores: it sorts the events and
     * walks them one by one, so a group of tied scores becomes a staircase whose area depends on the
     * order of the tied events rather than the diagonal that mid-ranks give.
     */
    static double nd4j(double[] scores, boolean[] positive, int from, int to) {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        double[][] s = new double[to - from][1];
        double[][] y = new double[to - from][1];
        for (int i = from; i < to; i++) {
            s[i - from][0] = scores[i];
            y[i - from][0] = positive[i] ? 1.0 : 0.0;
        }
        ROC roc = new ROC(0);
        roc.eval(Nd4j.createFromArray(y), Nd4j.createFromArray(s));
        return roc.calculateAUC();
    }

    static boolean hasTies(double[] scores, int from, int to) {
        double[] copy = Arrays.copyOfRange(scores, from, to);
        Arrays.sort(copy);
        for (int i = 1; i < copy.length; i++) {
            if (copy[i] == copy[i - 1]) {
                return true;
            }
        }
        return false;
    }
}

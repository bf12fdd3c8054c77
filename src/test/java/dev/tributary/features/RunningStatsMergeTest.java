package dev.tributary.features;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Combining and removing running statistics against the two-pass mean and variance of the values. */
class RunningStatsMergeTest {

    /** Two-pass population mean and standard deviation of {@code x[from, to)}. */
    static double[] direct(double[] x, int from, int to) {
        double mean = 0;
        for (int i = from; i < to; i++) {
            mean += x[i];
        }
        mean /= to - from;
        double ss = 0;
        for (int i = from; i < to; i++) {
            ss += (x[i] - mean) * (x[i] - mean);
        }
        return new double[]{mean, Math.sqrt(ss / (to - from))};
    }

    static RunningStats of(double[] x, int from, int to) {
        RunningStats s = new RunningStats();
        for (int i = from; i < to; i++) {
            s.add(x[i]);
        }
        return s;
    }

    @Test
    void shouldCombineToTheStatisticsOfTheUnionAndRemoveBackToThePart() {
        Random rnd = new Random(3);
        double[] x = new double[5000];
        for (int i = 0; i < x.length; i++) {
            x[i] = 1000 + (i < 3000 ? 5 : -20) + 7 * rnd.nextGaussian();
        }
        RunningStats a = of(x, 0, 3000);
        RunningStats b = of(x, 3000, 5000);
        RunningStats union = a.copy();
        union.combine(b);
        double[] all = direct(x, 0, 5000);
        assertEquals(5000, union.count());
        assertEquals(all[0], union.mean(), 1e-9);
        assertEquals(all[1], union.std(), 1e-9);
        RunningStats back = union.copy();
        back.remove(b);
        double[] first = direct(x, 0, 3000);
        assertEquals(3000, back.count());
        assertEquals(first[0], back.mean(), 1e-9);
        assertEquals(first[1], back.std(), 1e-9);
        RunningStats none = a.copy();
        none.remove(a);
        assertEquals(0, none.count());
        none.combine(b);
        assertEquals(b.mean(), none.mean(), 0);
        assertEquals(b.std(), none.std(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> b.copy().remove(union));
    }
}

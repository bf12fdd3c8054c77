package dev.tributary.optim;

import dev.tributary.model.ParamLayout;
import dev.tributary.model.TouchedRows;
import dev.tributary.spec.OptimizerSpec;
import dev.tributary.spec.OptimizerType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The lazy embedding update against closed forms: a row's update is Adam's (AdaGrad's, SGD's) with the
 * row's own update count, a row no step touches keeps its value and moments, and with every row
 * touched the lazy update is the dense one, bit for bit.
 */
class LazyUpdateTest {
    /** A dense block of 3 floats, a table of 4 rows × 2, a dense block of 2. */
    private static ParamLayout layout() {
        ParamLayout l = new ParamLayout();
        l.add("dense.a", 3, ParamLayout.Init.ZERO, 1, 3);
        l.add("input.embedding.0", 8, ParamLayout.Init.EMBEDDING, 4, 2);
        l.add("dense.b", 2, ParamLayout.Init.ZERO, 1, 2);
        return l;
    }

    private static final OptimizerSpec ADAM = new OptimizerSpec(OptimizerType.ADAM, 0.01, 0.9, 0.999, 1e-8, 0, 0);

    private static float[] start() {
        float[] p = new float[13];
        for (int i = 0; i < p.length; i++) {
            p[i] = 0.1f * (i + 1);
        }
        return p;
    }

    /** The gradient of step {@code s}: non-zero on the dense blocks and on {@code rows} of the table. */
    private static float[] grad(int s, int... rows) {
        float[] g = new float[13];
        for (int i : new int[]{0, 1, 2, 11, 12}) {
            g[i] = 0.01f * (s + 1) * (i + 1) - 0.05f;
        }
        for (int r : rows) {
            g[3 + 2 * r] = 0.3f * (s + 1) - 0.2f * r;
            g[3 + 2 * r + 1] = -0.1f * (s + 2) + 0.05f * r;
        }
        return g;
    }

    private static void step(Optimizer o, float[] p, ParamSupport support, TouchedRows touched, int s, int... rows) {
        touched.clear();
        for (int r : rows) {
            touched.mark(0, r);
        }
        support.rebuild();
        o.step(p, grad(s, rows), 1.0, support);
    }

    /** Scalar Adam with bias correction at count {@code t}, in double: the closed form. */
    private static double adam(double x, double[] mv, double g, int t) {
        mv[0] = 0.9 * mv[0] + 0.1 * g;
        mv[1] = 0.999 * mv[1] + 0.001 * g * g;
        double mHat = mv[0] / (1 - Math.pow(0.9, t));
        double vHat = mv[1] / (1 - Math.pow(0.999, t));
        return x - 0.01 * mHat / (Math.sqrt(vHat) + 1e-8);
    }

    @Test
    void shouldUpdateEachRowAsItsOwnAdamStepsAndLeaveUntouchedRows() {
        ParamLayout layout = layout();
        TouchedRows touched = new TouchedRows(layout);
        ParamSupport support = ParamSupport.lazy(13, layout.denseRanges(), touched);
        Optimizer adam = Optimizer.create(ADAM, 13);
        adam.trackRows(new int[]{4});
        float[] p = start();
        int[][] rowsOfStep = {{0, 1}, {1}, {0, 2}};
        for (int s = 0; s < 3; s++) {
            step(adam, p, support, touched, s, rowsOfStep[s]);
        }
        // Row 0 was updated at steps 0 and 2, as its updates 1 and 2; row 2 once; row 3 never.
        for (int d = 0; d < 2; d++) {
            double[] mv = new double[2];
            double x = start()[3 + d];
            x = adam(x, mv, grad(0, 0)[3 + d], 1);
            x = adam(x, mv, grad(2, 0, 2)[3 + d], 2);
            assertEquals(x, p[3 + d], 1e-6, "row 0, dim " + d);
            double[] mv2 = new double[2];
            assertEquals(adam(start()[7 + d], mv2, grad(2, 0, 2)[7 + d], 1), p[7 + d], 1e-6, "row 2, dim " + d);
            assertEquals(start()[9 + d], p[9 + d], "row 3 is never touched: unchanged");
        }
        // The dense blocks take the three steps as counts 1, 2, 3.
        for (int i : new int[]{0, 1, 2, 11, 12}) {
            double[] mv = new double[2];
            double x = start()[i];
            for (int s = 0; s < 3; s++) {
                x = adam(x, mv, grad(s, rowsOfStep[s])[i], s + 1);
            }
            assertEquals(x, p[i], 1e-6, "dense parameter " + i);
        }
        assertEquals(3, adam.steps());
    }

    /** Lazy steps touching {@code rowsOfStep[s]} at step s leave the parameters as dense steps do. */
    private static void assertLazyEqualsDense(OptimizerSpec spec, int[][] rowsOfStep) {
        ParamLayout layout = layout();
        TouchedRows touched = new TouchedRows(layout);
        ParamSupport support = ParamSupport.lazy(13, layout.denseRanges(), touched);
        Optimizer lazy = Optimizer.create(spec, 13);
        lazy.trackRows(new int[]{4});
        Optimizer dense = Optimizer.create(spec, 13);
        float[] pl = start();
        float[] pd = start();
        for (int s = 0; s < rowsOfStep.length; s++) {
            step(lazy, pl, support, touched, s, rowsOfStep[s]);
            dense.step(pd, grad(s, rowsOfStep[s]), 1.0);
        }
        assertArrayEquals(pd, pl);
    }

    @ParameterizedTest
    @EnumSource(OptimizerType.class)
    void shouldEqualTheDenseStepBitForBitWhenEveryRowIsTouched(OptimizerType type) {
        OptimizerSpec spec = new OptimizerSpec(type, 0.01, type == OptimizerType.SGD ? 0.5 : 0.9, 0.999, 1e-8, 0,
                0.001);
        assertLazyEqualsDense(spec, new int[][]{{3, 1, 0, 2}, {3, 1, 0, 2}, {3, 1, 0, 2}, {3, 1, 0, 2}, {3, 1, 0, 2}});
    }

    @ParameterizedTest
    @EnumSource(value = OptimizerType.class, names = {"ADAGRAD", "SGD"})
    void shouldEqualTheDenseStepOnAnyRowsForRulesWhoseZeroGradientUpdateIsZero(OptimizerType type) {
        OptimizerSpec spec = new OptimizerSpec(type, 0.05, 0, 0.999, 1e-8, 0, 0);
        assertLazyEqualsDense(spec, new int[][]{{0, 1}, {1}, {0, 2}, {3}});
    }

    @Test
    void shouldRoundTripTheRowCountsAndAssumeADenseHistoryWithoutThem() throws IOException {
        ParamLayout layout = layout();
        TouchedRows touched = new TouchedRows(layout);
        ParamSupport support = ParamSupport.lazy(13, layout.denseRanges(), touched);
        Optimizer adam = Optimizer.create(ADAM, 13);
        adam.trackRows(new int[]{4});
        float[] p = start();
        step(adam, p, support, touched, 0, 0, 1);
        step(adam, p, support, touched, 1, 1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        adam.writeState(new DataOutputStream(bytes));
        adam.writeRowSteps(new DataOutputStream(bytes));
        Optimizer copy = Optimizer.create(ADAM, 13);
        copy.trackRows(new int[]{4});
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        copy.readState(in);
        copy.readRowSteps(in);
        float[] q = p.clone();
        step(adam, p, support, touched, 2, 0, 2, 3);
        step(copy, q, support, touched, 2, 0, 2, 3);
        assertArrayEquals(p, q, "the restored counts continue bit-identically");

        // A dense history: every row has had every update, so row 3's first lazy update is its third.
        Optimizer dense = Optimizer.create(ADAM, 13);
        float[] pd = start();
        dense.step(pd, grad(0, 0, 1, 2, 3), 1.0);
        dense.step(pd, grad(1, 0, 1, 2, 3), 1.0);
        bytes.reset();
        dense.writeState(new DataOutputStream(bytes));
        dense.writeRowSteps(new DataOutputStream(bytes));
        Optimizer switched = Optimizer.create(ADAM, 13);
        switched.trackRows(new int[]{4});
        in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        switched.readState(in);
        switched.readRowSteps(in);
        float[] ps = pd.clone();
        step(switched, ps, support, touched, 2, 0, 1, 2, 3);
        dense.step(pd, grad(2, 0, 1, 2, 3), 1.0);
        assertArrayEquals(pd, ps, "lazy after dense continues as dense when every row is touched");
    }

    @Test
    void shouldRefuseRowCountsOfAnotherTable() throws IOException {
        Optimizer adam = Optimizer.create(ADAM, 13);
        adam.trackRows(new int[]{4});
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        adam.writeRowSteps(new DataOutputStream(bytes));
        Optimizer other = Optimizer.create(ADAM, 13);
        other.trackRows(new int[]{5});
        IOException e = assertThrows(IOException.class,
                () -> other.readRowSteps(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))));
        assertEquals("embedding row steps of table 0 for 4 rows, the table has 5", e.getMessage());
    }

    @Test
    void shouldListTheDenseRangesAroundTheTables() {
        assertArrayEquals(new int[]{0, 3, 11, 2}, layout().denseRanges());
        ParamSupport s = ParamSupport.lazy(13, layout().denseRanges(), new TouchedRows(layout()));
        assertEquals(2, s.ranges());
        assertEquals(5, s.covered());
        assertEquals(Arrays.toString(new int[]{0, 11}), Arrays.toString(new int[]{s.from(0), s.from(1)}));
    }
}

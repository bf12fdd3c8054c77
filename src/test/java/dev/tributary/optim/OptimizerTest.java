package dev.tributary.optim;

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

import static org.junit.jupiter.api.Assertions.*;

class OptimizerTest {

    @Test
    void shouldMatchAdamsClosedFormOverThreeSteps() {
        OptimizerSpec spec = new OptimizerSpec(OptimizerType.ADAM, 0.01, 0.9, 0.999, 1e-8, 0, 0);
        Optimizer adam = Optimizer.create(spec, 1);
        float[] p = {1.0f};
        double[] g = {0.5, -0.2, 0.1};
        double m = 0, v = 0, x = 1.0;
        for (int t = 1; t <= 3; t++) {
            adam.step(p, new float[]{(float) g[t - 1]}, 1.0);
            m = 0.9 * m + 0.1 * g[t - 1];
            v = 0.999 * v + 0.001 * g[t - 1] * g[t - 1];
            double mHat = m / (1 - Math.pow(0.9, t));
            double vHat = v / (1 - Math.pow(0.999, t));
            x -= 0.01 * mHat / (Math.sqrt(vHat) + 1e-8);
            assertEquals(x, p[0], 1e-6, "step " + t);
        }
        assertEquals(3, adam.steps());
    }

    @Test
    void shouldMatchSgdWithMomentumAndAdaGradClosedForms() {
        Optimizer sgd = Optimizer.create(new OptimizerSpec(OptimizerType.SGD, 0.1, 0.5, 0, 1e-8, 0, 0), 1);
        float[] p = {2f};
        sgd.step(p, new float[]{1f}, 1.0);   // v = 1, p = 2 - 0.1
        sgd.step(p, new float[]{1f}, 1.0);   // v = 1.5, p = 1.9 - 0.15
        assertEquals(1.75, p[0], 1e-6);
        Optimizer ada = Optimizer.create(new OptimizerSpec(OptimizerType.ADAGRAD, 0.1, 0, 0, 1e-10, 0, 0), 1);
        float[] q = {0f};
        ada.step(q, new float[]{3f}, 1.0);   // -0.1 * 3/3
        ada.step(q, new float[]{4f}, 1.0);   // -0.1 * 4/5
        assertEquals(-0.18, q[0], 1e-6);
    }

    @Test
    void shouldApplyTheLearningRateScale() {
        Optimizer sgd = Optimizer.create(new OptimizerSpec(OptimizerType.SGD, 0.1, 0, 0, 1e-8, 0, 0), 1);
        float[] p = {0f};
        sgd.step(p, new float[]{1f}, 3.0);
        assertEquals(-0.3, p[0], 1e-6);
    }

    @ParameterizedTest
    @EnumSource(OptimizerType.class)
    void shouldContinueIdenticallyAfterStateRoundTrip(OptimizerType type) throws IOException {
        OptimizerSpec spec = new OptimizerSpec(type, 0.01, 0.9, 0.999, 1e-8, 0, 0.001);
        Optimizer a = Optimizer.create(spec, 3);
        float[] pa = {1, 2, 3};
        for (int i = 0; i < 5; i++) {
            a.step(pa, new float[]{0.1f * i, -0.2f, 0.3f}, 1.0);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        a.writeState(new DataOutputStream(bytes));
        Optimizer b = Optimizer.create(spec, 3);
        b.readState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        float[] pb = pa.clone();
        a.step(pa, new float[]{0.5f, 0.5f, -0.5f}, 1.0);
        b.step(pb, new float[]{0.5f, 0.5f, -0.5f}, 1.0);
        assertArrayEquals(pa, pb);
        assertEquals(a.steps(), b.steps());
    }

    @Test
    void shouldClipToTheMaximumNormAndFlagNonFiniteGradients() {
        GradientClipper clip = new GradientClipper(1.0);
        float[] g = {3f, 4f};
        assertEquals(5.0, clip.clip(g), 1e-9);
        assertEquals(0.6f, g[0], 1e-6);
        assertEquals(0.8f, g[1], 1e-6);
        float[] bad = {1f, Float.NaN};
        assertTrue(Double.isNaN(clip.clip(bad)));
        assertEquals(1f, bad[0], "a non-finite gradient is left untouched");
        assertThrows(IllegalArgumentException.class, () -> new GradientClipper(-1));
    }
}

package dev.tributary.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tributary.spec.TaskKind;
import dev.tributary.util.Rng;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TaskMetricsTest {

    @Test
    void shouldBuildTheMetricsOfEachTaskKind() {
        assertInstanceOf(BinaryMetrics.class, TaskMetrics.forKind(TaskKind.BINARY, 2, 50));
        assertInstanceOf(RegressionMetrics.class, TaskMetrics.forKind(TaskKind.REGRESSION, 1, 50));
        TaskMetrics multi = TaskMetrics.forKind(TaskKind.MULTICLASS, 5, 50);
        assertEquals(5, ((MulticlassMetrics) multi).classes());
        for (TaskKind kind : TaskKind.values()) {
            TaskMetrics m = TaskMetrics.forKind(kind, 3, 77);
            assertEquals(kind, m.kind());
            assertEquals(77, m.window());
        }
        assertThrows(NullPointerException.class, () -> TaskMetrics.forKind(null, 2, 5));
        assertThrows(IllegalArgumentException.class, () -> TaskMetrics.forKind(TaskKind.BINARY, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> TaskMetrics.forKind(TaskKind.MULTICLASS, 1, 5));
    }

    @Test
    void shouldReadScoresFromAModelOutputRowAtAnOffset() {
        Rng rng = new Rng(2);
        TaskMetrics binary = TaskMetrics.forKind(TaskKind.BINARY, 2, 40);
        BinaryMetrics typed = new BinaryMetrics(40);
        TaskMetrics regression = TaskMetrics.forKind(TaskKind.REGRESSION, 1, 40);
        RegressionMetrics typedRegression = new RegressionMetrics(40);
        float[] outputs = new float[5]; // e.g. [binary head, regression head, 3-class head]
        for (int i = 0; i < 300; i++) {
            outputs[0] = rng.nextFloat();
            outputs[1] = (float) rng.nextGaussian();
            int label = rng.nextInt(2);
            double value = rng.nextGaussian();
            binary.add(outputs, 0, label);
            typed.add(outputs[0], label);
            regression.add(outputs, 1, value);
            typedRegression.add(outputs[1], value);
        }
        assertEquals(typed.snapshot(), binary.snapshot());
        assertEquals(typedRegression.snapshot(), regression.snapshot());
    }

    @Test
    void shouldCopyConfigurationWithFreshState() {
        TaskMetrics original = TaskMetrics.forKind(TaskKind.MULTICLASS, 3, 20);
        original.add(new float[] {0.1f, 0.2f, 0.7f}, 0, 2);
        TaskMetrics copy = original.copy();
        assertNotSame(original, copy);
        assertEquals(0, copy.count());
        assertEquals(20, copy.window());
        assertEquals(TaskMetrics.forKind(TaskKind.MULTICLASS, 3, 20).snapshot(), copy.snapshot());
        assertEquals("auc_window", TaskMetrics.windowed(TaskMetrics.AUC));
    }

    /** Contract: every kind, fed through the common interface, survives snapshot and restore mid-stream. */
    @ParameterizedTest
    @EnumSource(TaskKind.class)
    void shouldContinueIdenticallyAfterRestoreMidStream(TaskKind kind) throws IOException {
        TaskMetrics original = TaskMetrics.forKind(kind, 3, 128);
        Rng rng = new Rng(kind.ordinal());
        feed(original, rng, 1000);
        TaskMetrics restored = original.copy();
        restored.readState(new DataInputStream(new ByteArrayInputStream(BinaryMetricsTest.write(original))));
        assertEquals(original.snapshot(), restored.snapshot());
        long state = rng.state();
        feed(original, rng, 777);
        rng.setState(state);
        feed(restored, rng, 777);
        Map<String, Double> expected = original.snapshot();
        assertEquals(expected, restored.snapshot());
        assertEquals(1777.0, expected.get(TaskMetrics.COUNT), 0.0);
        assertEquals(128.0, expected.get(TaskMetrics.windowed(TaskMetrics.COUNT)), 0.0);
    }

    /** Contract: a refused event leaves every kind's metrics as they were. */
    @ParameterizedTest
    @EnumSource(TaskKind.class)
    void shouldRefuseABadLabelAndStayUnchanged(TaskKind kind) {
        TaskMetrics metrics = TaskMetrics.forKind(kind, 3, 16);
        feed(metrics, new Rng(1), 20);
        Map<String, Double> before = metrics.snapshot();
        float[] scores = {0.2f, 0.3f, 0.5f};
        assertThrows(IllegalArgumentException.class, () -> metrics.add(scores, 0, Double.NaN));
        if (kind != TaskKind.REGRESSION) {
            assertThrows(IllegalArgumentException.class, () -> metrics.add(scores, 0, 3.0));
        }
        assertEquals(before, metrics.snapshot());
    }

    /** Plausible model outputs for any kind with 3 classes: a distribution, whose first entry serves binary. */
    private static void feed(TaskMetrics metrics, Rng rng, int events) {
        float[] scores = new float[3];
        for (int i = 0; i < events; i++) {
            float a = rng.nextFloat();
            float b = (1f - a) * rng.nextFloat();
            scores[0] = a;
            scores[1] = b;
            scores[2] = 1f - a - b;
            double label = switch (metrics.kind()) {
                case BINARY -> rng.nextInt(2);
                case MULTICLASS -> rng.nextInt(3);
                case REGRESSION -> a + 0.1 * rng.nextGaussian();
            };
            metrics.add(scores, 0, label);
        }
    }
}

package dev.tributary.data;

import static dev.tributary.data.Fixtures.task;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tributary.event.Event;
import dev.tributary.spec.SyntheticSpec;
import dev.tributary.spec.TaskKind;
import dev.tributary.spec.TaskSpec;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SyntheticStreamTest {
    private static final List<TaskSpec> THREE = List.of(task("a", TaskKind.BINARY), task("b", TaskKind.REGRESSION),
            task("c", TaskKind.BINARY));

    private static SyntheticSpec spec(double p, long events) {
        return new SyntheticSpec(10, p, 3.0, 10, 0.1, events);
    }

    private static double cosine(double[] a, double[] b) {
        return Orthonormal.dot(a, b) / Math.sqrt(Orthonormal.dot(a, a) * Orthonormal.dot(b, b));
    }

    @Test
    void shouldDrawOrthonormalTaskVectorsWithWeightCosinesEqualToP() {
        SyntheticStream stream = new SyntheticStream(spec(0.7, 1), THREE, 42);
        for (int i = 0; i < 3; i++) {
            double[] u = stream.unitVector(i);
            assertEquals(1.0, Orthonormal.dot(u, u), 1e-12);
            for (int j = 0; j < i; j++) {
                assertEquals(0.0, Orthonormal.dot(u, stream.unitVector(j)), 1e-12);
            }
            assertEquals(3.0, Math.sqrt(Orthonormal.dot(stream.weights(i), stream.weights(i))), 1e-9);
        }
        assertEquals(0.7, cosine(stream.weights(0), stream.weights(1)), 1e-9);
        assertEquals(0.7, cosine(stream.weights(0), stream.weights(2)), 1e-9);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.9, 0.5, 0.0, -0.4})
    void shouldCorrelateTheLinearPartsByP(double p) {
        SyntheticStream stream = new SyntheticStream(spec(p, 20_000), THREE, 7);
        double sa = 0;
        double sb = 0;
        double saa = 0;
        double sbb = 0;
        double sab = 0;
        int n = 0;
        while (stream.hasNextRow()) {
            SyntheticRow row = stream.nextRow();
            double a = row.linear()[0];
            double b = row.linear()[1];
            sa += a;
            sb += b;
            saa += a * a;
            sbb += b * b;
            sab += a * b;
            n++;
        }
        double cov = sab / n - (sa / n) * (sb / n);
        double pearson = cov / Math.sqrt((saa / n - (sa / n) * (sa / n)) * (sbb / n - (sb / n) * (sb / n)));
        assertEquals(20_000, n);
        assertEquals(p, pearson, 0.03);
    }

    @Test
    void shouldMakeTargetsFromTheLinearPartAloneWithoutSinesOrNoise() {
        SyntheticStream stream = new SyntheticStream(new SyntheticSpec(5, 0.3, 2.0, 0, 0.0, 50), THREE, 3);
        while (stream.hasNextRow()) {
            SyntheticRow row = stream.nextRow();
            for (int i = 0; i < 3; i++) {
                double expected = Orthonormal.dot(stream.weights(i), row.x());
                assertEquals(expected, row.linear()[i], 1e-12);
                assertEquals(expected, row.target()[i], 1e-12);
            }
        }
    }

    @Test
    void shouldLabelBinaryTasksByTheSignOfTheTargetAndRegressionByTheTarget() {
        SyntheticStream stream = new SyntheticStream(spec(0.5, 500), THREE, 11);
        int positives = 0;
        while (stream.hasNextRow()) {
            SyntheticRow row = stream.nextRow();
            assertEquals(row.target()[0] > 0 ? 1.0 : 0.0, row.labels()[0]);
            assertEquals(row.target()[1], row.labels()[1]);
            assertEquals(row.target()[2] > 0 ? 1.0 : 0.0, row.labels()[2]);
            positives += (int) row.labels()[0];
        }
        assertTrue(positives > 100 && positives < 400, "positives " + positives);
    }

    @Test
    void shouldYieldOneEventPerTaskPerRowWithTheRowsFeatures() {
        List<Event> events = new SyntheticStream(spec(0.5, 30), THREE, 5).stream().collect(Collectors.toList());
        SyntheticStream rows = new SyntheticStream(spec(0.5, 30), THREE, 5);
        assertEquals(90, events.size());
        for (int r = 0; r < 30; r++) {
            SyntheticRow row = rows.nextRow();
            for (int i = 0; i < 3; i++) {
                Event e = events.get(3 * r + i);
                assertEquals(THREE.get(i).name(), e.task());
                assertEquals("syn-" + r, e.id());
                assertEquals(r, e.timestamp());
                assertEquals(row.labels()[i], e.label());
                assertEquals(10, e.features().size());
                for (int k = 0; k < 10; k++) {
                    assertEquals(row.x()[k], e.features().get("x" + k));
                }
            }
        }
        assertFalse(rows.hasNextRow());
    }

    @Test
    void shouldRepeatWithTheSameSeedAndDifferWithAnother() {
        List<Event> first = new SyntheticStream(spec(0.5, 100), THREE, 9).stream().collect(Collectors.toList());
        List<Event> again = new SyntheticStream(spec(0.5, 100), THREE, 9).stream().collect(Collectors.toList());
        List<Event> other = new SyntheticStream(spec(0.5, 100), THREE, 10).stream().collect(Collectors.toList());
        assertEquals(first, again);
        assertNotEquals(first.get(0).features(), other.get(0).features());
        assertNotEquals(new SyntheticStream(spec(0.5, 1), THREE, 9).weights(0)[0],
                new SyntheticStream(spec(0.5, 1), THREE, 10).weights(0)[0]);
    }

    @Test
    void shouldNegateAFlippedTasksLinearPartFromTheFlipRowOn() {
        SyntheticStream plain = new SyntheticStream(spec(0.5, 200), THREE, 13);
        SyntheticStream flipped = new SyntheticStream(spec(0.5, 200), THREE, 13).withFlip(1, 120);
        while (plain.hasNextRow()) {
            SyntheticRow a = plain.nextRow();
            SyntheticRow b = flipped.nextRow();
            assertArrayEquals(a.x(), b.x());
            assertEquals(a.linear()[0], b.linear()[0]);
            assertEquals(a.linear()[2], b.linear()[2]);
            double sign = a.index() < 120 ? 1.0 : -1.0;
            assertEquals(sign * a.linear()[1], b.linear()[1]);
            if (a.index() < 120) {
                assertArrayEquals(a.target(), b.target());
            }
        }
    }

    @Test
    void shouldRefuseMoreTasksThanDimensions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SyntheticStream(new SyntheticSpec(2, 0.5, 1.0, 1, 0.1, 10), THREE, 1));
        assertEquals("synthetic dimension must be at least the number of tasks (3) for orthogonal task vectors,"
                + " found 2", e.getMessage());
    }

    @Test
    void shouldRefuseFlipsOnceRowsAreDrawn() {
        SyntheticStream stream = new SyntheticStream(spec(0.5, 10), THREE, 1);
        stream.nextRow();
        assertThrows(IllegalStateException.class, () -> stream.withFlip(0, 5));
    }

    /** The id feature: Zipf frequencies, a name-k value on every event of a row, an effect shared by the tasks. */
    @Test
    void shouldDrawZipfIdsWithAnEffectPerIdOnEveryTask() {
        SyntheticSpec spec = new SyntheticSpec(10, 0.5, 1.0, 0, 0.0, 100_000,
                new SyntheticSpec.Ids("user", 1_000_000, 1.1, 0.5));
        SyntheticStream rows = new SyntheticStream(spec, THREE, 3);
        int[] first = new int[4];
        java.util.Map<Integer, Double> effect = new java.util.HashMap<>();
        int n = 100_000;
        for (int r = 0; r < n; r++) {
            SyntheticRow row = rows.nextRow();
            assertTrue(row.id() >= 1 && row.id() <= 1_000_000);
            if (row.id() <= 3) {
                first[row.id()]++;
            }
            // No sine terms and no noise: y_i - w_i.x is the id's effect, the same for every task.
            double e = row.target()[0] - row.linear()[0];
            assertEquals(e, row.target()[1] - row.linear()[1], 1e-12);
            Double seen = effect.putIfAbsent(row.id(), e);
            assertEquals(seen == null ? e : seen, e, 1e-12, "id " + row.id() + " always has the same effect");
        }
        // P(k) = k^-1.1 / H over 10^6 values, H = Σ k^-1.1 (≈ 8.07); P(1)/P(2) = 2^1.1.
        double h = 0;
        for (int k = 1; k <= 1_000_000; k++) {
            h += Math.pow(k, -1.1);
        }
        assertEquals(1 / h, first[1] / (double) n, 0.005);
        assertEquals(Math.pow(2, 1.1), first[1] / (double) first[2], 0.15);
        assertEquals(Math.pow(1.5, 1.1), first[2] / (double) first[3], 0.15);
        double sd = Math.sqrt(effect.values().stream().mapToDouble(v -> v * v).average().orElseThrow());
        assertEquals(0.5, sd, 0.05, "effects are N(0, 0.5²)");

        List<Event> events = new SyntheticStream(spec, THREE, 3).stream().limit(6).collect(Collectors.toList());
        assertEquals(events.get(0).features().get("user"), events.get(2).features().get("user"),
                "the events of a row share its id");
        assertTrue(((String) events.get(0).features().get("user")).startsWith("user-"));
        List<Event> again = new SyntheticStream(spec, THREE, 3).stream().limit(6).collect(Collectors.toList());
        assertEquals(events.get(3).features(), again.get(3).features(), "the seed fixes the ids");
    }
}

package dev.tributary.eval;

import dev.tributary.util.Rng;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class TaskAffinityTest {

    /** Seeded measurements in which roughly a third of the cells are undefined (NaN). */
    static List<double[][]> measurements(int tasks, int n) {
        Rng rng = new Rng(17);
        List<double[][]> out = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            double[][] z = new double[tasks][tasks];
            for (double[] row : z) {
                for (int j = 0; j < tasks; j++) {
                    row[j] = rng.nextDouble() < 0.3 ? Double.NaN : rng.nextGaussian() * 0.01;
                }
            }
            out.add(z);
        }
        return out;
    }

    @Test
    void shouldAverageEachCellOverTheMeasurementsThatDefinedIt() {
        List<double[][]> zs = measurements(3, 200);
        TaskAffinity a = new TaskAffinity(3);
        zs.forEach(a::add);

        assertEquals(200, a.samples());
        double[][] m = a.matrix();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double sum = 0;
                int n = 0;
                for (double[][] z : zs) {
                    if (!Double.isNaN(z[i][j])) {
                        sum += z[i][j];
                        n++;
                    }
                }
                assertEquals(n, a.count(i, j));
                assertEquals(sum / n, m[i][j], 1e-15, "cell " + i + "," + j);
            }
        }
    }

    @Test
    void shouldReportNaNForACellNeverMeasured() {
        TaskAffinity a = new TaskAffinity(2);
        a.add(new double[][]{{0.1, Double.NaN}, {Double.NaN, Double.NaN}});

        double[][] m = a.matrix();
        assertEquals(0.1, m[0][0]);
        assertTrue(Double.isNaN(m[0][1]) && Double.isNaN(m[1][0]) && Double.isNaN(m[1][1]));
        assertEquals(1, a.samples());
    }

    @Test
    void shouldRestoreItsStateExactly() throws IOException {
        List<double[][]> zs = measurements(4, 50);
        TaskAffinity a = new TaskAffinity(4);
        zs.subList(0, 20).forEach(a::add);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        a.writeState(new DataOutputStream(bytes));
        TaskAffinity b = new TaskAffinity(4);
        b.readState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        zs.subList(20, 50).forEach(a::add);
        zs.subList(20, 50).forEach(b::add);

        assertArrayEquals(a.matrix(), b.matrix());
        assertEquals(a.samples(), b.samples());
        IOException e = assertThrows(IOException.class, () -> new TaskAffinity(3).readState(
                new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))));
        assertEquals("task affinity state has 4 tasks, expected 3", e.getMessage());
    }

    @Test
    void shouldRefuseAMatrixOfTheWrongShape() {
        TaskAffinity a = new TaskAffinity(2);
        assertEquals("z must have 2 rows, found 3", assertThrows(IllegalArgumentException.class,
                () -> a.add(new double[3][2])).getMessage());
        assertEquals("z[1] must have 2 columns, found 1", assertThrows(IllegalArgumentException.class,
                () -> a.add(new double[][]{{0, 0}, {0}})).getMessage());
        assertEquals(0, a.samples());
        assertEquals(0, a.count(0, 0), "a refused matrix changes nothing");
    }
}

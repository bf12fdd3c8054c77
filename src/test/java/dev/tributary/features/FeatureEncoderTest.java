package dev.tributary.features;

import dev.tributary.spec.FeatureSpec;
import dev.tributary.util.Rng;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class FeatureEncoderTest {
    final List<FeatureSpec> features = List.of(FeatureSpec.numeric("age"), FeatureSpec.categorical("city", 16, 4),
            FeatureSpec.numeric("income"));

    @Test
    void shouldStandardiseByTheRunningMeanAndVarianceOfThePast() {
        FeatureEncoder enc = new FeatureEncoder(features);
        double[] ages = {20, 30, 40, 50};
        for (double a : ages) {
            enc.observe(Map.of("age", a), 0);
        }
        Batch b = new Batch(2, 1, 1);
        b.setRows(1);
        enc.encode(Map.of("age", 45.0), b, 0);
        double mean = 35, std = Math.sqrt((225 + 25 + 25 + 225) / 4.0);
        assertEquals((45 - mean) / std, b.numeric[0], 1e-6);
        assertEquals(0f, b.numeric[1], "a missing numeric feature encodes as its mean");
    }

    @Test
    void shouldMatchWelfordToADirectComputation() {
        RunningStats s = new RunningStats();
        Rng rng = new Rng(1);
        double[] xs = new double[10_000];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = 1e6 + rng.nextGaussian() * 3;
            s.add(xs[i]);
        }
        double mean = java.util.Arrays.stream(xs).average().orElseThrow();
        double var = java.util.Arrays.stream(xs).map(x -> (x - mean) * (x - mean)).sum() / xs.length;
        assertEquals(mean, s.mean(), 1e-6);
        assertEquals(Math.sqrt(var), s.std(), 1e-6);
        assertEquals(1e6 + 3, s.unstandardise(s.standardise(1e6 + 3)), 1e-6);
    }

    @Test
    void shouldHashCategoriesIntoBoundedRowsWithRowZeroForMissing() {
        FeatureEncoder enc = new FeatureEncoder(features);
        Batch b = new Batch(2, 1, 1);
        b.setRows(1);
        Set<Integer> rows = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            enc.encode(Map.of("city", "city-" + i), b, 0);
            rows.add(b.categorical[0]);
        }
        assertTrue(rows.stream().allMatch(r -> r >= 1 && r < 16), "present values use rows 1..15");
        assertEquals(15, rows.size(), "every non-missing row is used");
        enc.encode(new HashMap<>(), b, 0);
        assertEquals(0, b.categorical[0]);
        enc.encode(Map.of("city", 13.0), b, 0);
        int asNumber = b.categorical[0];
        enc.encode(Map.of("city", "13"), b, 0);
        assertEquals(asNumber, b.categorical[0], "13 and \"13\" are the same category");
    }

    @Test
    void shouldIgnoreUndeclaredFeaturesAndRoundTripItsState() throws IOException {
        FeatureEncoder a = new FeatureEncoder(features);
        a.observe(Map.of("age", 3.0, "income", 10.0, "unknown", "x"), 0);
        a.observe(Map.of("age", 5.0), 0);
        assertFalse(a.declares("unknown"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        a.writeState(new DataOutputStream(bytes));
        FeatureEncoder b = new FeatureEncoder(features);
        b.readState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        Batch ba = new Batch(2, 1, 1);
        Batch bb = new Batch(2, 1, 1);
        ba.setRows(1);
        bb.setRows(1);
        Map<String, Object> e = Map.of("age", 7.0, "income", 1.0, "city", "Oslo");
        a.encode(e, ba, 0);
        b.encode(e, bb, 0);
        assertArrayEquals(ba.numeric, bb.numeric);
        assertArrayEquals(ba.categorical, bb.categorical);
    }
}

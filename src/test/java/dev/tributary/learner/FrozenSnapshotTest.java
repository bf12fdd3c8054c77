package dev.tributary.learner;

import dev.tributary.event.Event;
import dev.tributary.spec.ModelFamily;
import dev.tributary.spec.TopologySpec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A snapshot written by each format version is kept in the test resources: a later build must still load
 * it and predict what it predicted then. If the format changes, bump its version, keep reading this
 * one, and add a new fixture beside it: -Dtributary.writeFixture=true re-writes the newest fixture in
 * the current format (the same learner, so the same prediction).
 */
class FrozenSnapshotTest {
    /** The fixture's prediction for {@link #probe()}, recorded when it was written. */
    static final double EXPECTED_SCORE = 0.9526363226142345;

    static TopologySpec spec() {
        return TestSpecs.synthetic(ModelFamily.MMOE);
    }

    static Event probe() {
        return new Event("t1", "probe", 0, Map.of("x0", 0.5, "x1", -1.0, "x3", 2.0, "color", "red"), null);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"mmoe-v1.snapshot", "mmoe-v2.snapshot", "mmoe-v3.snapshot", "mmoe-v4.snapshot",
            "mmoe-v5.snapshot", "mmoe-v6.snapshot", "mmoe-v7.snapshot"})
    void shouldLoadEveryFrozenSnapshotVersionAndPredictAsBefore(String fixture) throws IOException {
        if (Boolean.getBoolean("tributary.writeFixture")) {
            // Fixtures are frozen: write a new file for a new format version, never overwrite an old one.
            Path previous = Path.of("src/test/resources/dev/tributary/learner/mmoe-v" + (SnapshotCodec.VERSION - 1)
                    + ".snapshot");
            Learner l = Learner.restore(spec(), Files.readAllBytes(previous));
            Path file = Path.of("src/test/resources/dev/tributary/learner/mmoe-v" + SnapshotCodec.VERSION + ".snapshot");
            assertFalse(Files.exists(file), "frozen fixture " + file + " exists; bump the format version instead");
            Files.write(file, l.snapshot());
            fail("fixture " + file + " written; prediction is " + l.predict(List.of(probe())).get(0).score());
        }
        byte[] bytes;
        try (InputStream in = getClass().getResourceAsStream("/dev/tributary/learner/" + fixture)) {
            assertNotNull(in, "fixture " + fixture);
            bytes = in.readAllBytes();
        }
        Learner restored = Learner.restore(spec(), bytes);
        assertTrue(restored.steps() > 100);
        // Not bit-exact: the kernels' summation order depends on the CPU's vector width.
        assertEquals(EXPECTED_SCORE, restored.predict(List.of(probe())).get(0).score(), 1e-6);
        byte[] again = restored.snapshot();
        assertEquals(SnapshotCodec.VERSION, java.nio.ByteBuffer.wrap(again).getInt(4), "re-written in the current format");
        assertArrayEquals(again, Learner.restore(spec(), again).snapshot(), "the current format round-trips exactly");
    }
}

package dev.tributary.learner;

import dev.tributary.event.Event;
import dev.tributary.spec.ModelFamily;
import dev.tributary.spec.TopologySpec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A snapshot written by format version 1 is kept in the test resources: a later build must still load
 * it and predict what it predicted then. If the format changes, bump its version, keep reading this
 * one, and add a new fixture beside it (regenerate with -Dtributary.writeFixture=true).
 */
class FrozenSnapshotTest {
    static final String FIXTURE = "/dev/tributary/learner/mmoe-v1.snapshot";
    /** The fixture's prediction for {@link #probe()}, recorded when it was written. */
    static final double EXPECTED_SCORE = 0.9526363226142345;

    static TopologySpec spec() {
        return TestSpecs.synthetic(ModelFamily.MMOE);
    }

    static Event probe() {
        return new Event("t1", "probe", 0, Map.of("x0", 0.5, "x1", -1.0, "x3", 2.0, "color", "red"), null);
    }

    @Test
    void shouldLoadTheFrozenVersion1SnapshotAndPredictAsBefore() throws IOException {
        if (Boolean.getBoolean("tributary.writeFixture")) {
            Learner l = new Learner(spec());
            l.process(LearnerTest.events(spec(), 3000));
            Files.write(Path.of("src/test/resources" + FIXTURE), l.snapshot());
            fail("fixture written; prediction is " + l.predict(List.of(probe())).get(0).score());
        }
        byte[] bytes;
        try (InputStream in = getClass().getResourceAsStream(FIXTURE)) {
            assertNotNull(in, "fixture " + FIXTURE);
            bytes = in.readAllBytes();
        }
        Learner restored = Learner.restore(spec(), bytes);
        assertTrue(restored.steps() > 100);
        // Not bit-exact: the kernels' summation order depends on the CPU's vector width.
        assertEquals(EXPECTED_SCORE, restored.predict(List.of(probe())).get(0).score(), 1e-6);
        assertArrayEquals(bytes, restored.snapshot(), "a restored snapshot re-serialises to the same bytes");
    }
}

package dev.tributary.learner;

import dev.tributary.event.Event;
import dev.tributary.event.EventCodec;
import dev.tributary.event.EventLimits;
import dev.tributary.event.FeatureValues;
import dev.tributary.features.FeatureEncoder;
import dev.tributary.spec.ModelFamily;
import dev.tributary.spec.TopologySpec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The learner's fast path for events decoded into its feature slots ({@link FeatureValues}) must be
 * the same learner as the plain-map path: the same predictions, bit-identical parameters and the same
 * refusals. The oracle is the plain path on the same bytes.
 */
class SlottedEventsTest {
    final TopologySpec spec = TestSpecs.synthetic(ModelFamily.MMOE);
    final EventCodec plain = new EventCodec();
    final EventCodec slotted = new EventCodec(EventLimits.DEFAULTS, FeatureEncoder.schemaOf(spec.features()));

    List<Event> decodeAll(EventCodec codec, List<Event> events) {
        List<Event> out = new ArrayList<>();
        for (Event e : events) {
            out.add(codec.decode(e.task(), plain.encode(e), e.timestamp()));
        }
        return out;
    }

    @Test
    void shouldLearnBitIdenticallyFromSlottedAndPlainEvents() {
        List<Event> source = LearnerTest.events(spec, 2000);
        List<Event> viaMaps = decodeAll(plain, source);
        List<Event> viaSlots = decodeAll(slotted, source);
        assertInstanceOf(FeatureValues.class, viaSlots.get(0).features());
        Learner a = new Learner(spec);
        Learner b = new Learner(spec);
        List<Prediction> pa = a.process(viaMaps);
        List<Prediction> pb = b.process(viaSlots);
        assertTrue(a.steps() > 50, "trained " + a.steps() + " steps");
        assertEquals(pa, pb);
        assertArrayEquals(a.parameters(), b.parameters());
        assertArrayEquals(a.snapshot(), b.snapshot());
    }

    @Test
    void shouldCountUndeclaredFeaturesAndRefuseAStringNumericFeatureByName() {
        Learner l = new Learner(spec);
        byte[] extra = "{\"features\": {\"x0\": 1, \"zz\": 2, \"yy\": \"a\"}, \"label\": 1}".getBytes(StandardCharsets.UTF_8);
        Event e = slotted.decode("t1", extra, 0);
        assertEquals(2, l.undeclaredFeatures(e));
        assertNull(l.check(e));
        byte[] text = "{\"features\": {\"x0\": 1, \"x2\": \"abc\"}, \"label\": 1}".getBytes(StandardCharsets.UTF_8);
        String why = l.check(slotted.decode("t1", text, 0));
        assertNotNull(why);
        assertEquals(l.check(plain.decode("t1", text, 0)), why);
        assertTrue(why.contains("feature 'x2' must be a number, found string 'abc'"), why);
        byte[] label = "{\"features\": {\"x0\": 1}, \"label\": 2}".getBytes(StandardCharsets.UTF_8);
        assertTrue(l.check(slotted.decode("t1", label, 0)).contains("must be 0 or 1"), "the label is still checked");
    }
}

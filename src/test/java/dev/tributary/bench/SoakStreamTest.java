package dev.tributary.bench;

import dev.tributary.event.EventCodec;
import dev.tributary.spec.SpecLoader;
import dev.tributary.spec.TopologySpec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

class SoakStreamTest {
    static final TopologySpec SPEC = SpecLoader.load(Path.of("topology/synthetic.yaml"));

    @Test
    void shouldSkewTheRatesSilenceOneTaskForTheMiddleHalfAndMixInBadRecords() {
        int total = 400_000;
        SoakStream s = new SoakStream(SPEC, total, 0.001);
        assertArrayEquals(new double[] {100, 10, 1}, s.weights(), 1e-9);
        assertEquals(1, s.silentTask());
        long[] firstQuarter = new long[3];
        long[] middle = new long[3];
        long bad = 0;
        EventCodec codec = new EventCodec();
        for (int n = 0; n < total; n++) {
            SoakStream.Record r = s.next();
            assertEquals(n, SoakStream.position(r.key()));
            assertEquals(SPEC.tasks().get(r.task()).topic(), r.topic());
            if (!r.good()) {
                bad++;
                continue;
            }
            if (n < 5_000) {
                assertEquals("s-" + n, codec.decode(SPEC.tasks().get(r.task()).name(), r.value(), 0L).id(),
                        "a good record decodes, with its key as id");
            }
            if (n < total / 4) {
                firstQuarter[r.task()]++;
            } else if (n < total * 3 / 4) {
                middle[r.task()]++;
            }
        }
        assertFalse(s.hasNext());
        assertEquals(total / 1000, bad, "every 1000th record is bad");
        assertEquals(bad, s.bad());
        assertEquals(0, middle[1], "t2 is silent in the middle half");
        double ratio = firstQuarter[0] / (double) firstQuarter[2];
        assertTrue(ratio > 80 && ratio < 125, "t1 about 100× t3: " + ratio + " " + Arrays.toString(firstQuarter));
        double t2 = firstQuarter[1] / (double) firstQuarter[2];
        assertTrue(t2 > 7 && t2 < 13, "t2 about 10× t3: " + t2);
    }

    @Test
    void shouldBeDeterministicForASeed() {
        SoakStream a = new SoakStream(SPEC, 2_000, 0.01);
        SoakStream b = new SoakStream(SPEC, 2_000, 0.01);
        while (a.hasNext()) {
            SoakStream.Record x = a.next();
            SoakStream.Record y = b.next();
            assertEquals(x.topic(), y.topic());
            if (x.good()) {
                // the event time is the send time; compare the rest
                String vx = new String(x.value(), StandardCharsets.UTF_8).replaceAll("\"ts\":\\d+", "");
                String vy = new String(y.value(), StandardCharsets.UTF_8).replaceAll("\"ts\":\\d+", "");
                assertEquals(vx, vy);
            } else {
                assertArrayEquals(x.value(), y.value());
            }
        }
    }

    @Test
    void shouldCycleThroughTheKindsOfBadRecordIncludingALargeOne() {
        assertEquals(SoakStream.LARGE_BAD_BYTES, SoakStream.badValue("s-1", 99).length);
        assertEquals(0, SoakStream.badValue("s-1", 4).length, "an empty record");
        assertTrue(new String(SoakStream.badValue("s-1", 2), StandardCharsets.UTF_8).contains("\"high\""));
        assertEquals(-1, SoakStream.position("x-1".getBytes(StandardCharsets.UTF_8)));
        assertEquals(-1, SoakStream.position(null));
        assertEquals(12345, SoakStream.position("s-12345".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldRefuseWhatItCannotRun() {
        assertThrows(IllegalArgumentException.class, () -> new SoakStream(SPEC, 10, 0.9));
        assertThrows(IllegalArgumentException.class, () -> new SoakStream(SPEC, 0, 0.001));
        TopologySpec adult = SpecLoader.load(Path.of("topology/adult.yaml"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SoakStream(adult, 10, 0.001)).getMessage()
                .contains("synthetic"));
    }
}

package dev.tributary.bench;

import dev.tributary.learner.Prediction;
import dev.tributary.records.PredictionCodec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OutputWatcherTest {
    @Test
    void shouldReadTheEventTimestampOfAPredictionRecord() {
        byte[] json = PredictionCodec.encode(new Prediction("t1", "syn-3", 1763884800123L, 0.25, null, null, 1.0, 17));
        assertEquals(1763884800123L, OutputWatcher.eventTs(json));
        byte[] noLabel = PredictionCodec.encode(new Prediction("t3", null, 42L, -1.5, null, null, null, 0));
        assertEquals(42L, OutputWatcher.eventTs(noLabel));
    }
}

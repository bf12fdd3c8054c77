package dev.tributary.bench;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CpuClockTest {
    static final String ID = "tributary-bench-mwtih538-1c738f0e-9a1b-4c2d-8e3f-0123456789ab";

    @Test
    void shouldGroupThreadsByNameWithoutApplicationIdsAndNumbers() {
        assertEquals("<app>-StreamThread-#", CpuClock.group(ID + "-StreamThread-1"));
        assertEquals("<app>-StreamThread-#", CpuClock.group(ID.replace("538-", "538-warmup-") + "-StreamThread-2"));
        assertEquals("kafka-producer-network-thread | <app>-StreamThread-#-producer",
                CpuClock.group("kafka-producer-network-thread | " + ID + "-StreamThread-1-producer"));
        assertEquals("data-plane-kafka-request-handler-#", CpuClock.group("data-plane-kafka-request-handler-7"));
        assertEquals("tributary-bench-watcher", CpuClock.group("tributary-bench-watcher"));
    }

    @Test
    void shouldSubtractAnEarlierReadingGroupByGroupLargestFirst() {
        CpuClock earlier = new CpuClock(100, 10, Map.of("a", 5L, "b", 1L, "gone", 3L), 7);
        CpuClock later = new CpuClock(400, 60, Map.of("a", 25L, "b", 101L, "new", 4L), 9);
        CpuClock used = later.since(earlier);
        assertEquals(300, used.processNanos());
        assertEquals(50, used.streamNanos());
        assertEquals(2, used.compileMillis());
        assertEquals(Map.of("b", 100L, "a", 20L, "new", 4L), used.groupNanos());
        assertEquals("[b, a, new]", used.groupNanos().keySet().toString(), "largest first");
        assertEquals(300 - 124, used.jvmNanos(), "what the process used outside its Java threads");
    }
}

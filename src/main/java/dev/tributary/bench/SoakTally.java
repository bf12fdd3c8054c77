package dev.tributary.bench;

import dev.tributary.records.DeadLetter;
import dev.tributary.streams.TopicNames;
import dev.tributary.streams.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerConfig;

import java.time.Duration;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a soak's outputs hold, per record of the stream: each prediction and dead letter carries the
 * record's position in its key ({@link SoakStream#position}), so that records without an output
 * ({@code missing}) and with more than one ({@code duplicated}) are counted exactly.
 */
record SoakTally(long predictions, long deadLetters, long missing, long duplicated, Map<String, Long> reasons) {

    /** Reads every committed output record and checks that each stream record has exactly one. */
    static SoakTally read(String bootstrap, List<String> topics, long records) {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        BitSet once = new BitSet();
        BitSet twice = new BitSet();
        Map<String, Long> reasons = new TreeMap<>();
        var counts = new Object() {
            long predictions;
            long foreign;
        };
        try (TopicReader reader = new TopicReader(c, topics, "tributary-soak-tally")) {
            reader.readToEnd(r -> {
                byte[] key = r.key();
                if (r.topic().equals(TopicNames.DEAD_LETTER)) {
                    DeadLetter d = DeadLetter.fromJson(r.value());
                    reasons.merge(d.reason(), 1L, Long::sum);
                    key = d.key() != null ? d.key() : key;
                } else {
                    counts.predictions++;
                }
                long n = SoakStream.position(key);
                if (n < 0 || n >= records) {
                    counts.foreign++;
                } else if (once.get((int) n)) {
                    twice.set((int) n);
                } else {
                    once.set((int) n);
                }
            }, Duration.ofSeconds(60));
        }
        if (counts.foreign > 0) {
            throw new IllegalStateException(counts.foreign + " output records carry no key of this soak run");
        }
        long deadLetters = reasons.values().stream().mapToLong(Long::longValue).sum();
        return new SoakTally(counts.predictions, deadLetters, records - once.cardinality(), twice.cardinality(),
                reasons);
    }
}

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
        long[] lettersForeignPredictions = new long[3];
        Map<String, Long> reasons = new TreeMap<>();
        try (TopicReader reader = new TopicReader(c, topics, "tributary-soak-tally")) {
            reader.readToEnd(r -> {
                byte[] key = r.key();
                if (r.topic().equals(TopicNames.DEAD_LETTER)) {
                    lettersForeignPredictions[0]++;
                    DeadLetter d = DeadLetter.fromJson(r.value());
                    reasons.merge(d.reason(), 1L, Long::sum);
                    key = d.key() != null ? d.key() : key;
                } else {
                    lettersForeignPredictions[2]++;
                }
                long n = SoakStream.position(key);
                if (n < 0 || n >= records) {
                    lettersForeignPredictions[1]++;
                } else if (once.get((int) n)) {
                    twice.set((int) n);
                } else {
                    once.set((int) n);
                }
            }, Duration.ofSeconds(60));
        }
        if (lettersForeignPredictions[1] > 0) {
            throw new IllegalStateException(lettersForeignPredictions[1] + " output records carry no key of this soak run");
        }
        return new SoakTally(lettersForeignPredictions[2], lettersForeignPredictions[0], records - once.cardinality(),
                twice.cardinality(), reasons);
    }
}

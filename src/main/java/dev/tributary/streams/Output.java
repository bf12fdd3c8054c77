package dev.tributary.streams;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * One record the learner emits (a prediction, a dead letter, a metrics or drift record) and the topic
 * it goes to. The sink's {@link DestinationExtractor} reads the topic; {@link #SERDE} writes only the
 * value, so the records on the topics carry no routing header.
 */
record Output(String topic, byte[] value) {
    /** Serialises the value's bytes as they are; deserialising is not needed (the sink only writes). */
    static final Serde<Output> SERDE = Serdes.serdeFrom((topic, out) -> out == null ? null : out.value(),
            (topic, bytes) -> {
                throw new UnsupportedOperationException("learner outputs are written, never read back");
            });
}

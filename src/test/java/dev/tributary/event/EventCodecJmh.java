package dev.tributary.event;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * JMH benchmark of {@link EventCodec} on one Adult-like event of about 300 bytes (the size DESIGN.md
 * §6 measures Kafka throughput with); the score is events per second on one thread. Run:
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.openjdk.jmh.Main EventCodecJmh
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EventCodecJmh {
    /** 304 bytes: id, ts, 5 numeric and 6 categorical features, a label. */
    static final String EVENT = "{\"id\":\"adult-000017\",\"ts\":1763884800000,\"features\":{\"age\":39,"
            + "\"workclass\":\"State-gov\",\"fnlwgt\":77516,\"education\":\"Bachelors\",\"education_num\":13,"
            + "\"marital_status\":\"Never-married\",\"occupation\":\"Adm-clerical\",\"relationship\":\"Not-in-family\","
            + "\"sex\":\"Male\",\"capital_gain\":2174.5,\"hours_per_week\":40.25},"
            + "\"label\":0}";

    private final EventCodec codec = new EventCodec();
    private byte[] bytes;
    private Event event;

    @Setup
    public void setUp() {
        bytes = EVENT.getBytes(StandardCharsets.UTF_8);
        event = codec.decode("income", bytes, 0);
    }

    @Benchmark
    public Event decode() {
        return codec.decode("income", bytes, 0);
    }

    @Benchmark
    public byte[] encode() {
        return codec.encode(event);
    }
}

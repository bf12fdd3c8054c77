package dev.tributary.streams;

import dev.tributary.data.SyntheticStream;
import dev.tributary.event.Event;
import dev.tributary.learner.DeltaMerger;
import dev.tributary.learner.GlobalUpdate;
import dev.tributary.learner.Learner;
import dev.tributary.learner.Replica;
import dev.tributary.records.ReplicaCodec;
import dev.tributary.spec.SpecLoader;
import dev.tributary.spec.TopologySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * JMH benchmark of the aggregator's work in one round of partitioned learners on {@code
 * topology/bench-m1.yaml}: decode each replica's delta, merge the round, encode the update (the
 * record sent to every partition of the global topic), and one replica's decode of it. The score is
 * microseconds per round; the producer's and the broker's share of sending the update to P
 * partitions is not in it. Run:
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java --add-modules jdk.incubator.vector -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *     org.openjdk.jmh.Main AggregatorRoundJmh
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class AggregatorRoundJmh {
    @Param({"2", "4", "8"})
    public int replicas;

    private final List<byte[]> deltas = new ArrayList<>();
    private DeltaMerger merger;

    @Setup
    public void setUp() {
        TopologySpec spec = SpecLoader.load(Path.of("topology/bench-m1.yaml"));
        SyntheticStream stream = new SyntheticStream(spec);
        for (int r = 0; r < replicas; r++) {
            Replica replica = new Replica(new Learner(spec), r);
            for (int step = 0; step < 4; step++) {
                List<Event> batch = new ArrayList<>();
                for (int i = 0; i < spec.batch().size(); i++) {
                    batch.add(stream.next());
                }
                replica.learner().process(batch);
            }
            deltas.add(ReplicaCodec.encode(replica.delta()));
        }
        merger = new DeltaMerger(new Replica(new Learner(spec), 0).layout(), replicas, 0);
    }

    @Benchmark
    public GlobalUpdate round() {
        for (byte[] d : deltas) {
            merger.add(ReplicaCodec.decodeDelta(d));
        }
        GlobalUpdate u = merger.closeRound();
        return ReplicaCodec.decodeUpdate(ReplicaCodec.encode(u));
    }
}

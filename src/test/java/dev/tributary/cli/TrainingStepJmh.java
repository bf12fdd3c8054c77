package dev.tributary.cli;

import dev.tributary.learner.StepBenchmark;
import dev.tributary.model.Kernels;
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

import java.util.concurrent.TimeUnit;

/**
 * JMH benchmark of one full training step (the same step as {@code tributary bench model}); the score
 * is microseconds per step, divide by the batch size for per-event cost. Run:
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java --add-modules jdk.incubator.vector -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *     org.openjdk.jmh.Main TrainingStepJmh
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class TrainingStepJmh {

    @Param({"m1:32", "m2:256"})
    public String presetAndBatch;

    @Param({"mmoe"})
    public String family;

    private StepBenchmark bench;

    @Setup
    public void setUp() {
        String[] pb = presetAndBatch.split(":");
        bench = new StepBenchmark(Presets.byName(pb[0], new FamilyConverter().convert(family)),
                Integer.parseInt(pb[1]), Kernels.best());
    }

    @Benchmark
    public long trainingStep() {
        return bench.run(1);
    }

}

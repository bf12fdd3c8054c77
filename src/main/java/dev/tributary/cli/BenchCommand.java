package dev.tributary.cli;

import dev.tributary.util.Progress;
import dev.tributary.learner.StepBenchmark;
import dev.tributary.model.Kernels;
import dev.tributary.spec.ModelFamily;
import dev.tributary.spec.TopologySpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code tributary bench model}: times full training steps of a preset model on one thread after a
 * warm-up, and prints events/s, ns/event, FLOPs/event and the achieved GFLOP/s. {@code tributary bench
 * pipeline} ({@link BenchPipelineCommand}) measures the whole streaming application.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {BenchPipelineCommand.class, BenchSoakCommand.class},
        description = "Benchmarks. 'bench model' times training steps of a preset model on one thread; 'bench pipeline'"
                + " runs the streaming application end to end.")
final class BenchCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", description = "What to benchmark: model (or the subcommand pipeline).")
    String what;

    @Option(names = "--preset", defaultValue = "m1", description = "m1 (64 inputs, 3 tasks) or m2 (256 inputs, 6 tasks).")
    String preset;

    @Option(names = "--family", defaultValue = "mmoe", description = "Model family: ${COMPLETION-CANDIDATES}.",
            converter = FamilyConverter.class)
    ModelFamily family;

    @Option(names = "--batch", defaultValue = "32", description = "Micro-batch size.")
    int batch;

    @Option(names = "--seconds", defaultValue = "5", description = "Measured time, after an equal warm-up.")
    double seconds;

    @Option(names = "--kernels", defaultValue = "best", description = "best (Vector API) or scalar.")
    String kernels;

    @Mixin
    JsonOutput output;

    @Override
    public Integer call() throws Exception {
        if (!"model".equals(what)) {
            throw new IllegalArgumentException("unknown benchmark '" + what + "'; available: model, pipeline");
        }
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be positive, found " + batch);
        }
        TopologySpec spec = Presets.byName(preset, family);
        Kernels k = switch (kernels) {
            case "best" -> Kernels.best();
            case "scalar" -> Kernels.scalar();
            default -> throw new IllegalArgumentException("--kernels must be best or scalar, found " + kernels);
        };
        StepBenchmark bench = new StepBenchmark(spec, batch, k);
        int steps = calibrate(bench);
        long measured = 0;
        long runs = 0;
        long warmNs = (long) (seconds * 1e9);
        try (Progress progress = new Progress("bench " + preset, (long) (2 * seconds * 10), output.json)) {
            long start = System.nanoTime();
            long shown = 0;
            while (System.nanoTime() - start < 2 * warmNs) {
                boolean warm = System.nanoTime() - start < warmNs;
                long ns = bench.run(steps);
                if (!warm) {
                    measured += ns;
                    runs += steps;
                }
                long tenths = (System.nanoTime() - start) / 100_000_000L;
                progress.step(tenths - shown);
                shown = tenths;
            }
        }
        double nsPerEvent = (double) measured / (runs * batch);
        // Forward 2 FLOPs per multiply-add; backward costs two products per forward one (dX and dW).
        double flopsPerEvent = 6.0 * bench.forwardMacsPerRow();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("preset", preset);
        r.put("family", family.name().toLowerCase());
        r.put("batch", batch);
        r.put("kernels", k.getClass().getSimpleName());
        r.put("parameters", bench.parameterCount());
        r.put("steps", runs);
        r.put("eventsPerSecond", 1e9 / nsPerEvent);
        r.put("nsPerEvent", nsPerEvent);
        r.put("flopsPerEvent", flopsPerEvent);
        r.put("gflops", flopsPerEvent / nsPerEvent);
        output.print(r, String.format("%s %s batch=%d kernels=%s params=%d: %,.0f events/s, %.2f µs/event,"
                        + " %,.0f FLOP/event, %.2f GFLOP/s%n", preset, family.name().toLowerCase(), batch, r.get("kernels"),
                    bench.parameterCount(), 1e9 / nsPerEvent, nsPerEvent / 1000, flopsPerEvent,
                flopsPerEvent / nsPerEvent));
        return 0;
    }

    /** Steps per timed run so that one run takes about 50 ms. */
    private static int calibrate(StepBenchmark bench) {
        int steps = 1;
        while (true) {
            long ns = bench.run(steps);
            if (ns > 50_000_000L || steps > 1 << 20) {
                return steps;
            }
            steps *= 2;
        }
    }
}

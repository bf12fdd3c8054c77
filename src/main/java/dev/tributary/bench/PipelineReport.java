package dev.tributary.bench;

import dev.tributary.learner.HoldOut;
import dev.tributary.records.MonitorRecord;
import dev.tributary.spec.TaskSpec;
import dev.tributary.spec.TopologySpec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code tributary bench pipeline} measured in one run, as JSON-ready maps or a text table.
 *
 * @param spec           the topology
 * @param setup          broker, mode, guarantee, commit interval and rate
 * @param production     what was produced, how big and how fast
 * @param ceiling        the plain consumer's rate on the same input
 * @param predicted      predictions received per task, in task order (the warm-up's included)
 * @param measured       predictions the rate is measured on: after the warm-up's (throughput mode), or all
 * @param pipelineNanos  from the last warm-up prediction received (throughput mode) or the application
 *                       reaching RUNNING (latency mode, or no warm-up) to the last expected prediction received
 * @param steadyEvents   predictions received after the first poll that returned any
 * @param steadyNanos    from that first poll to the last expected prediction received
 * @param deadLetters    records on the dead-letter topic during the run
 * @param cpu            CPU time used over {@code pipelineNanos}: whole process, stream thread, thread groups
 * @param receiveLatency per prediction (latency mode): receive wall-clock − event ts, ms, arrival order
 * @param appendLatency  per prediction (latency mode, LogAppendTime topics): broker append − event ts, ms
 * @param warmup         predictions left out of the "after warm-up" latency percentiles
 * @param metrics        the last metrics record of each task
 * @param threadTime     Kafka Streams' own account of its stream thread at the end of the run: the
 *                       fraction of time in process, commit, poll and punctuate ({@code *-ratio}, averaged
 *                       over its metrics window, ~60 s), the mean commit latency in ms, the commits since
 *                       start and its producer's cumulative ns in a commit's parts (see
 *                       {@link Pipeline#streamThreadTime})
 * @param checkpoints    the learner checkpoints' cost on the changelog, and the restore from it
 */
public record PipelineReport(TopologySpec spec, Setup setup, Production production, ConsumerCeiling ceiling,
                      Map<String, Long> predicted, long measured, long pipelineNanos, long steadyEvents,
                      long steadyNanos,
                      long deadLetters, CpuClock cpu, LongSamples receiveLatency, LongSamples appendLatency, int warmup,
                      Map<String, MonitorRecord.Metrics> metrics, Map<String, Double> threadTime, CheckpointCost checkpoints) {

    /**
     * @param rate      events/s produced in latency mode; 0 in throughput mode (pre-produced)
     * @param jitWarmup throughput mode: events produced and processed first in the same run, untimed; latency
     *                  mode: events the whole pipeline processed in a throwaway run on topics of its own first
     */
    public record Setup(String broker, String guarantee, long commitIntervalMs, double rate, long jitWarmup) {
        String mode() {
            return rate > 0 ? "latency" : "throughput";
        }
    }

    /** @param perTask events acknowledged per task, in task order */
    public record Production(long events, long bytes, int minBytes, int maxBytes, long nanos, Map<String, Long> perTask) {
        double meanBytes() {
            return events == 0 ? 0 : (double) bytes / events;
        }
    }

    long totalPredicted() {
        return predicted.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Events produced and processed first in the same run, off the clock (throughput mode). */
    long warmupInRun() {
        return setup.rate() > 0 ? 0 : setup.jitWarmup();
    }

    /** Events per second over the measured part of the run. */
    double endToEndRate() {
        return measured / (pipelineNanos / 1e9);
    }

    /** Events per second between the first and the last prediction received. */
    double steadyRate() {
        return steadyNanos <= 0 ? Double.NaN : steadyEvents / (steadyNanos / 1e9);
    }

    double ratio() {
        return endToEndRate() / ceiling.recordsPerSecond();
    }

    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("topology", spec.name());
        m.put("family", spec.model().family().name().toLowerCase());
        m.put("inputs", spec.features().size());
        m.put("broker", setup.broker());
        m.put("mode", setup.mode());
        m.put("guarantee", setup.guarantee());
        m.put("commitIntervalMs", setup.commitIntervalMs());
        m.put("jitWarmupEvents", setup.jitWarmup());
        m.put("batch", spec.batch().size());
        m.put("rate", setup.rate() > 0 ? setup.rate() : null);
        m.put("events", production.events() - warmupInRun());
        m.put("warmupEventsInRun", warmupInRun());
        m.put("eventBytes", Map.of("mean", production.meanBytes(), "min", production.minBytes(),
                "max", production.maxBytes()));
        m.put("produce", Map.of("seconds", production.nanos() / 1e9,
                "eventsPerSecond", production.events() / (production.nanos() / 1e9)));
        m.put("consumerCeiling", Map.of("records", ceiling.records(), "seconds", ceiling.seconds(),
                "recordsPerSecond", ceiling.recordsPerSecond(), "megabytesPerSecond",
                ceiling.bytes() / 1e6 / Math.max(ceiling.seconds(), 1e-9)));
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("predictions", totalPredicted());
        p.put("measuredPredictions", measured);
        p.put("seconds", pipelineNanos / 1e9);
        p.put("eventsPerSecond", endToEndRate());
        p.put("steadyEventsPerSecond", Double.isNaN(steadyRate()) ? null : steadyRate());
        p.put("ratioToConsumerCeiling", ratio());
        p.put("streamThreadCpuSeconds", cpu.streamNanos() / 1e9);
        p.put("processCpuSeconds", cpu.processNanos() / 1e9);
        Map<String, Object> threads = new LinkedHashMap<>();
        cpu.groupNanos().forEach((g, n) -> threads.put(g, n / 1e9));
        threads.put("(jvm: gc, jit)", cpu.jvmNanos() / 1e9);
        p.put("cpuSecondsByThreadGroup", threads);
        p.put("jitCompileSecondsDuringRun", cpu.compileMillis() / 1e3);
        p.put("streamThreadTime", threadTime);
        m.put("pipeline", p);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("checkpoints", checkpoints.checkpoints());
        c.put("bytesPerCheckpoint", checkpoints.bytesPerCheckpoint());
        c.put("rowsPerCheckpoint", checkpoints.rowsPerCheckpoint());
        c.put("maxBytes", checkpoints.maxBytes());
        c.put("changelogBytes", checkpoints.bytes());
        c.put("restoreRecords", checkpoints.restoreRecords());
        c.put("restoreSeconds", checkpoints.restoreMillis() < 0 ? null : checkpoints.restoreMillis() / 1e3);
        m.put("checkpoints", c);
        m.put("deadLetters", deadLetters);
        if (receiveLatency.size() > 0) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("receive", receiveLatency.summary());
            l.put("receiveAfterWarmup", receiveLatency.from(warmup).summary());
            if (appendLatency.size() > 0) {
                l.put("append", appendLatency.summary());
                l.put("appendAfterWarmup", appendLatency.from(warmup).summary());
            }
            l.put("warmup", warmup);
            m.put("latencyMs", l);
        }
        Map<String, Object> tasks = new LinkedHashMap<>();
        for (TaskSpec t : spec.tasks()) {
            Map<String, Object> tm = new LinkedHashMap<>();
            tm.put("produced", production.perTask().get(t.name()));
            tm.put("predicted", predicted.get(t.name()));
            MonitorRecord.Metrics last = metrics.get(t.name());
            tm.put("consumed", last == null ? null : last.consumed());
            tm.put("trained", last == null ? null : last.trained());
            tm.put("prequential", last == null ? null : orNull(last.metrics()));
            tasks.put(t.name(), tm);
        }
        m.put("tasks", tasks);
        return m;
    }

    public String text() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("bench pipeline: %s (%s, %d tasks, %d inputs, batch %d) on %s broker, %s, "
                        + "commit.interval.ms=%d%n", spec.name(), spec.model().family().name().toLowerCase(),
                spec.tasks().size(), spec.features().size(), spec.batch().size(), setup.broker(), setup.guarantee(),
                setup.commitIntervalMs()));
        sb.append(String.format("%s mode: %,d events%s, %s; event size %,.0f bytes (min %,d, max %,d)%n",
                setup.mode(), production.events() - warmupInRun(), warmupInRun() > 0 ? String.format(" after %,d of"
                        + " warm-up", warmupInRun()) : "", setup.rate() > 0 ? String.format("produced at %,.0f events/s "
                        + "while the application ran", setup.rate()) : "pre-produced before the application started",
                production.meanBytes(), production.minBytes(), production.maxBytes()));
        if (setup.jitWarmup() > 0 && setup.rate() > 0) {
            sb.append(String.format("  JIT warm-up: the whole pipeline processed %,d events of its own before the run (untimed)%n",
                    setup.jitWarmup()));
        } else if (setup.jitWarmup() > 0) {
            sb.append(String.format("  warm-up: the first %,d events (JIT, learner, broker) are processed in the same run;"
                    + " the clock starts when their last prediction is visible%n", setup.jitWarmup()));
        }
        sb.append(String.format("  produce           %,10.0f events/s   (%,d events in %.2f s)%n",
                production.events() / (production.nanos() / 1e9), production.events(), production.nanos() / 1e9));
        sb.append(String.format("  consumer ceiling  %,10.0f records/s  (plain KafkaConsumer, read_committed, %,.0f MB/s)%n",
                ceiling.recordsPerSecond(), ceiling.bytes() / 1e6 / Math.max(ceiling.seconds(), 1e-9)));
        boolean warmedInRun = setup.jitWarmup() > 0 && setup.rate() == 0;
        sb.append(String.format("  pipeline          %,10.0f events/s   (%,d predictions, %s → last prediction "
                + "committed in %.2f s)%n", endToEndRate(), measured, warmedInRun ? "end of warm-up" : "RUNNING",
                pipelineNanos / 1e9));
        sb.append(String.format("  %s  %,10.0f events/s   (first → last prediction received%s)%n",
                warmedInRun ? "whole run       " : "steady          ", steadyRate(),
                warmedInRun ? ", warm-up included" : ""));
        sb.append(String.format("  cpu               stream thread %.2f s (%.0f%% of the wall time), whole process %.2f s "
                + "(%.2f cores)%n", cpu.streamNanos() / 1e9, 100.0 * cpu.streamNanos() / pipelineNanos,
                cpu.processNanos() / 1e9, (double) cpu.processNanos() / pipelineNanos));
        sb.append("  cpu by thread     ").append(topThreadGroups(5)).append(System.lineSeparator());
        if (!threadTime.isEmpty()) {
            StringBuilder t = new StringBuilder();
            threadTime.forEach((name, v) -> {
                if (name.endsWith("-ratio")) {
                    t.append(String.format("%s %.2f, ", name.substring(0, name.length() - "-ratio".length()), v));
                }
            });
            sb.append(String.format("  stream thread     %sof its time (Kafka Streams' metrics); a commit takes %.1f ms%n",
                    t, threadTime.getOrDefault("commit-latency-avg", Double.NaN)));
            double commits = threadTime.getOrDefault("commit-total", 0.0);
            if (commits > 0 && threadTime.containsKey("txn-commit-time-ns-total")) {
                sb.append(String.format("  per commit        producer flush %.1f ms, offsets to the transaction %.1f ms,"
                                + " transaction commit %.1f ms (means over the %,.0f commits since start)%n",
                        threadTime.getOrDefault("flush-time-ns-total", 0.0) / commits / 1e6,
                        threadTime.getOrDefault("txn-send-offsets-time-ns-total", 0.0) / commits / 1e6,
                        threadTime.get("txn-commit-time-ns-total") / commits / 1e6, commits));
            }
        }
        sb.append(String.format("  jit               %.1f s compiling during the run%s%n", cpu.compileMillis() / 1e3,
                cpu.compileMillis() * 1e6 > 0.1 * pipelineNanos ? " (C2 still warming up: a longer --jit-warmup"
                        + " gives the steady state)" : ""));
        sb.append(String.format("  ratio             %10.3f of the consumer ceiling%n", ratio()));
        sb.append(String.format("  checkpoints       %,10d   (%,.0f bytes and %,.1f embedding rows each on the changelog, largest"
                        + " %,d bytes)%n", checkpoints.checkpoints(), checkpoints.bytesPerCheckpoint(),
                checkpoints.rowsPerCheckpoint(), checkpoints.maxBytes()));
        if (checkpoints.restoreMillis() >= 0) {
            sb.append(String.format("  restore           %,10.2f s   (%,d changelog records into an instance without local"
                    + " state)%n", checkpoints.restoreMillis() / 1e3, checkpoints.restoreRecords()));
        }
        sb.append(String.format("  dead letters      %,10d%n", deadLetters));
        if (receiveLatency.size() > 0) {
            sb.append(latencyLine("latency, ms (received − event ts)", receiveLatency.summary(),
                    receiveLatency.from(warmup).summary()));
            if (appendLatency.size() > 0) {
                sb.append(latencyLine("latency, ms (broker append − event ts)", appendLatency.summary(),
                        appendLatency.from(warmup).summary()));
            }
        }
        sb.append(String.format("  %-6s %10s %10s %10s  %s%n", "task", "produced", "predicted", "trained",
                "prequential (whole stream, last metrics record)"));
        for (TaskSpec t : spec.tasks()) {
            MonitorRecord.Metrics last = metrics.get(t.name());
            sb.append(String.format("  %-6s %,10d %,10d %10s  %s%n", t.name(), production.perTask().get(t.name()),
                    predicted.get(t.name()), last == null ? "-" : String.format("%,d", last.trained()),
                    last == null ? "-" : HoldOut.summary(last.metrics())));
        }
        return sb.toString();
    }

    private String latencyLine(String what, Map<String, Object> all, Map<String, Object> steady) {
        return String.format("  %s: p50 %s  p90 %s  p99 %s  max %s; after the first %,d: p50 %s  p99 %s%n", what,
                all.get("p50"), all.get("p90"), all.get("p99"), all.get("max"), warmup, steady.get("p50"),
                steady.get("p99"));
    }

    /** The metrics by name, undefined ones (NaN) as null, as the metrics records write them. */
    private static Map<String, Double> orNull(Map<String, Double> metrics) {
        Map<String, Double> out = new TreeMap<>();
        metrics.forEach((k, v) -> out.put(k, Double.isNaN(v) ? null : v));
        return out;
    }

    /** The {@code n} thread groups that used the most CPU, and the JVM's own threads, in cores. */
    private String topThreadGroups(int n) {
        StringBuilder sb = new StringBuilder();
        cpu.groupNanos().entrySet().stream().limit(n).forEach(e -> sb.append(String.format("%s %.2f, ",
                e.getKey(), (double) e.getValue() / pipelineNanos)));
        return sb.append(String.format("jit+gc %.2f (cores)", (double) cpu.jvmNanos() / pipelineNanos)).toString();
    }
}

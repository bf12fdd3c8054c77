package dev.tributary.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * CPU time used so far by this process, by its Kafka Streams threads (those whose name contains
 * {@code -StreamThread-}), and by every group of live Java threads (named without their numbers and
 * application ids: "data-plane-kafka-request-handler-#"), for telling a busy learner thread from one
 * that waits on the broker, and for seeing what else takes the machine's cores.
 *
 * @param processNanos CPU time of the whole process (all threads, JVM's own included; broker too when in-process)
 * @param streamNanos  CPU time of the live stream threads
 * @param groupNanos   CPU time of each group of live Java threads
 * @param compileMillis time the JIT compilers spent compiling (a run measured before C2 is done shows it)
 */
record CpuClock(long processNanos, long streamNanos, Map<String, Long> groupNanos, long compileMillis) {
    /** The benchmark's application ids and Kafka Streams' process ids, in the client ids threads are named after. */
    private static final Pattern APP_ID = Pattern.compile("tributary-bench-[0-9a-z]+(-warmup)?-"
            + "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    static CpuClock now() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long stream = 0;
        Map<String, Long> groups = new HashMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            long nanos = Math.max(0, threads.getThreadCpuTime(t.getId()));
            // not its producer's network thread, named after it: "kafka-producer-network-thread | <thread>-producer"
            if (t.getName().contains("-StreamThread-") && !t.getName().endsWith("-producer")) {
                stream += nanos;
            }
            groups.merge(group(t.getName()), nanos, Long::sum);
        }
        long process = ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
        var jit = ManagementFactory.getCompilationMXBean();
        long compile = jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
        return new CpuClock(process, stream, groups, compile);
    }

    /** A thread's name without the application id and numbers. */
    static String group(String threadName) {
        return NUMBER.matcher(APP_ID.matcher(threadName).replaceAll("<app>")).replaceAll("#");
    }

    /** The CPU time used between {@code earlier} and this reading; groups by use, largest first. */
    CpuClock since(CpuClock earlier) {
        Map<String, Long> used = new HashMap<>();
        groupNanos.forEach((g, n) -> used.put(g, n - earlier.groupNanos.getOrDefault(g, 0L)));
        Map<String, Long> sorted = new LinkedHashMap<>();
        used.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return new CpuClock(processNanos - earlier.processNanos, streamNanos - earlier.streamNanos, sorted,
                compileMillis - earlier.compileMillis);
    }

    /**
     * The process's CPU time outside its live Java threads: the JIT compilers, garbage collection, the
     * JVM, and Java threads that ended between the two readings (none do during a benchmark run).
     */
    long jvmNanos() {
        return processNanos - groupNanos.values().stream().mapToLong(Long::longValue).sum();
    }
}

package dev.tributary.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time used so far by this process and by its Kafka Streams threads (those whose name contains
 * {@code -StreamThread-}), for telling a busy learner thread from one that waits on the broker.
 *
 * @param processNanos CPU time of the whole process (all threads, broker included when in-process)
 * @param streamNanos  CPU time of the live stream threads
 */
record CpuClock(long processNanos, long streamNanos) {

    static CpuClock now() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long stream = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().contains("-StreamThread-")) {
                stream += Math.max(0, threads.getThreadCpuTime(t.getId()));
            }
        }
        long process = ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
        return new CpuClock(process, stream);
    }

    /** The CPU time used between {@code earlier} and this reading. */
    CpuClock since(CpuClock earlier) {
        return new CpuClock(processNanos - earlier.processNanos, streamNanos - earlier.streamNanos);
    }
}

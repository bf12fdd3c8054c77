package dev.tributary.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.monitor.MonitorState;
import dev.tributary.monitor.TaskView;
import dev.tributary.records.MetricsCodec;
import dev.tributary.records.MonitorRecord;
import dev.tributary.streams.TopicNames;
import dev.tributary.streams.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark's view of the application's output: a {@code read_committed} consumer, on its own
 * thread, of every task's prediction topic, the metrics topic and the dead-letter topic, starting at
 * their end offsets when it starts (so only this run's records count). It counts predictions per task
 * and dead letters, keeps the latest metrics record per task, notes when the first and the last
 * prediction became visible, and, when asked, each prediction's latency: the wall-clock time it was
 * received minus its event's {@code ts} (and, on a topic with {@code LogAppendTime}, the broker's
 * append time minus {@code ts}). Lifecycle: {@link #start} (returns once positioned) → read the
 * counters → {@link #stop}; the latency samples may be read after {@code stop}.
 */
final class OutputWatcher implements Runnable {
    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Map<String, Object> consumerConfig;
    private final Map<String, Integer> taskOfTopic = new HashMap<>();
    private final boolean latencies;
    private final AtomicLong[] perTask;
    private final AtomicLong predictions = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    /** The metrics records seen, per task (over its replicas with partitioned learners); guarded by itself. */
    private final MonitorState metrics = new MonitorState(2);
    private final LongSamples receiveLatency = new LongSamples();
    private final LongSamples appendLatency = new LongSamples();
    private final CountDownLatch positioned = new CountDownLatch(1);
    private volatile long firstVisibleNanos;
    private volatile long countAtFirstVisible;
    /** Predictions after which the measured part of the run starts (0: from the first). */
    private volatile long mark;
    private volatile long markNanos;
    private volatile long countAtMark;
    private volatile long lastVisibleNanos;
    private volatile long completeNanos;
    private final long expected;
    private volatile boolean stopping;
    private volatile RuntimeException failure;
    private Thread thread;

    /**
     * @param consumerConfig   consumer settings (bootstrap at least); read with {@link TopicReader}
     * @param predictionTopics each task's prediction topic, in task order
     * @param latencies        whether to record each prediction's latency
     * @param expected         the number of predictions whose arrival {@link #completeNanos} notes
     */
    OutputWatcher(Map<String, Object> consumerConfig, List<String> predictionTopics, boolean latencies,
                  long expected) {
        this.expected = expected;
        this.consumerConfig = new HashMap<>(consumerConfig);
        for (int i = 0; i < predictionTopics.size(); i++) {
            taskOfTopic.put(predictionTopics.get(i), i);
        }
        this.perTask = new AtomicLong[predictionTopics.size()];
        for (int i = 0; i < perTask.length; i++) {
            perTask[i] = new AtomicLong();
        }
        this.latencies = latencies;
    }

    /** Starts the consumer thread; returns once it is positioned at the topics' current ends. */
    void start() throws InterruptedException {
        thread = new Thread(this, "tributary-bench-watcher");
        thread.setDaemon(true);
        thread.start();
        while (!positioned.await(100, TimeUnit.MILLISECONDS)) {
            rethrow();
        }
        rethrow();
    }

    @Override
    public void run() {
        List<String> topics = new ArrayList<>(taskOfTopic.keySet());
        topics.add(TopicNames.METRICS);
        topics.add(TopicNames.DEAD_LETTER);
        try (TopicReader c = new TopicReader(consumerConfig, topics, "tributary-bench-watcher")) {
            c.start(false);
            positioned.countDown();
            while (!stopping) {
                var records = c.poll(Duration.ofMillis(20));
                long nowMs = System.currentTimeMillis();
                long nowNanos = System.nanoTime();
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    accept(r, nowMs, nowNanos);
                }
            }
        } catch (RuntimeException e) {
            failure = e;
            positioned.countDown();
        }
    }

    private void accept(ConsumerRecord<byte[], byte[]> r, long nowMs, long nowNanos) {
        Integer task = taskOfTopic.get(r.topic());
        if (task != null) {
            perTask[task].incrementAndGet();
            if (latencies) {
                long ts = eventTs(r.value());
                receiveLatency.add(nowMs - ts);
                if (r.timestampType() == TimestampType.LOG_APPEND_TIME) {
                    appendLatency.add(r.timestamp() - ts);
                }
            }
            long n = predictions.incrementAndGet();
            if (firstVisibleNanos == 0) {
                firstVisibleNanos = nowNanos;
            }
            lastVisibleNanos = nowNanos;
            if (n == expected) {
                completeNanos = nowNanos;
            }
            if (nowNanos == firstVisibleNanos) {
                countAtFirstVisible = n;
            }
            if (n == mark) {
                markNanos = nowNanos;
            }
            if (nowNanos == markNanos) {
                countAtMark = n;
            }
        } else if (r.topic().equals(TopicNames.DEAD_LETTER)) {
            deadLetters.incrementAndGet();
        } else {
            try {
                JsonNode m = MAPPER.readTree(r.value());
                if (MetricsCodec.TYPE.equals(m.path("type").asText()) && m.hasNonNull("task")) {
                    MonitorRecord.Metrics record = MetricsCodec.read(m);
                    synchronized (metrics) {
                        metrics.accept(record);
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("unreadable record on " + TopicNames.METRICS + " at offset "
                        + r.offset() + ": " + e.getMessage(), e);
            }
        }
    }

    /** The {@code ts} field of a prediction record. */
    static long eventTs(byte[] prediction) {
        try (JsonParser p = JSON.createParser(prediction)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException("a prediction record is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("ts".equals(name) && value == JsonToken.VALUE_NUMBER_INT) {
                    return p.getLongValue();
                }
                p.skipChildren();
            }
            throw new IllegalStateException("a prediction record has no integer ts field");
        } catch (IOException e) {
            throw new IllegalStateException("unreadable prediction record: " + e.getMessage(), e);
        }
    }

    long predictions() {
        rethrow();
        return predictions.get();
    }

    /** Predictions received per task, in task order. */
    long[] perTask() {
        long[] out = new long[perTask.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = perTask[i].get();
        }
        return out;
    }

    long deadLetters() {
        return deadLetters.get();
    }

    /**
     * The latest metrics record of each task seen so far; with partitioned learners, its replicas'
     * latest combined as {@code tributary watch} shows them ({@link MonitorState}).
     */
    Map<String, MonitorRecord.Metrics> metrics() {
        Map<String, MonitorRecord.Metrics> out = new HashMap<>();
        synchronized (metrics) {
            for (TaskView t : metrics.tasks()) {
                if (t.latest() != null) {
                    out.put(t.name(), t.latest());
                }
            }
        }
        return out;
    }

    /**
     * Notes when the {@code n}-th prediction is received ({@link #markNanos}) and how many had been by
     * the end of that poll ({@link #countAtMark}): the end of a warm-up inside the run. Call before
     * any prediction arrives.
     */
    void markAt(long n) {
        mark = n;
    }

    /** {@link System#nanoTime} when the marked prediction was received, 0 if not yet. */
    long markNanos() {
        return markNanos;
    }

    /** Predictions received by the end of the poll that returned the marked one. */
    long countAtMark() {
        return countAtMark;
    }

    /** {@link System#nanoTime} when the first prediction was received, 0 if none yet. */
    long firstVisibleNanos() {
        return firstVisibleNanos;
    }

    /** Predictions received in the same poll as the first one. */
    long countAtFirstVisible() {
        return countAtFirstVisible;
    }

    /** {@link System#nanoTime} when the latest prediction was received. */
    long lastVisibleNanos() {
        return lastVisibleNanos;
    }

    /** {@link System#nanoTime} when the expected number of predictions had been received, 0 if not yet. */
    long completeNanos() {
        return completeNanos;
    }

    /** Receive time − event ts, ms, in arrival order; read after {@link #stop}. */
    LongSamples receiveLatency() {
        return receiveLatency;
    }

    /** Broker append time − event ts, ms (LogAppendTime topics only); read after {@link #stop}. */
    LongSamples appendLatency() {
        return appendLatency;
    }

    /** Stops the consumer thread and waits for it. */
    void stop() throws InterruptedException {
        stopping = true;
        if (thread != null) {
            thread.join(30_000);
        }
        rethrow();
    }

    private void rethrow() {
        RuntimeException e = failure;
        if (e != null) {
            throw new IllegalStateException("the benchmark's output consumer failed: " + e.getMessage(), e);
        }
    }
}

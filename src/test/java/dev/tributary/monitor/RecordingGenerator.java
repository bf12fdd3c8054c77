package dev.tributary.monitor;

import dev.tributary.data.SyntheticStream;
import dev.tributary.event.Event;
import dev.tributary.learner.DriftAlert;
import dev.tributary.learner.Learner;
import dev.tributary.learner.LearnerStats;
import dev.tributary.spec.SpecLoader;
import dev.tributary.spec.TopologySpec;
import dev.tributary.records.DriftCodec;
import dev.tributary.records.MetricsCodec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the recording {@code src/test/resources/dev/tributary/monitor/synthetic-flip.jsonl.gz}:
 * the monitoring records the streaming application would publish for {@code topology/synthetic.yaml}
 * (MMoE, t1 and t2 binary, t3 regression) on 24,000 rows, with t1's concept flipped (its weight vector
 * negated) at row 12,000. It runs the real {@link Learner} and encodes with the application's own
 * {@link MetricsCodec} and {@link DriftCodec}; one metrics record per task every 100 rows, stamped
 * as if published once a second. Seeded: running it again writes the same records.
 *
 * <p>Run from the repository root (OUT defaults to the resource above):
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java --add-modules jdk.incubator.vector -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *     dev.tributary.monitor.RecordingGenerator [OUT]
 * </pre>
 */
final class RecordingGenerator {
    static final long START_TS = 1_763_884_800_000L;
    static final int ROWS = 24_000;
    static final int FLIP_ROW = 12_000;
    static final int ROWS_PER_RECORD = 100;

    private RecordingGenerator() {
    }

    public static void main(String[] args) {
        Path out = Path.of(args.length > 0 ? args[0]
                : "src/test/resources/dev/tributary/monitor/synthetic-flip.jsonl.gz");
        TopologySpec spec = SpecLoader.load(Path.of("topology/synthetic.yaml"));
        try (RecordWriter w = RecordFiles.create(out)) {
            write(spec, w);
        }
    }

    static void write(TopologySpec spec, RecordWriter w) {
        Learner learner = new Learner(spec);
        SyntheticStream stream = new SyntheticStream(spec).withFlip(0, FLIP_ROW);
        int tasks = spec.tasks().size();
        long ts = START_TS;
        for (int row = 0; row < ROWS; row += ROWS_PER_RECORD) {
            List<Event> batch = new ArrayList<>(ROWS_PER_RECORD * tasks);
            for (int k = 0; k < ROWS_PER_RECORD * tasks; k++) {
                batch.add(stream.next());
            }
            learner.process(batch);
            for (DriftAlert a : learner.drainDriftAlerts()) {
                w.write(DriftCodec.encode(a));
            }
            ts += 1000;
            LearnerStats stats = learner.stats();
            for (LearnerStats.TaskStats t : stats.tasks()) {
                w.write(MetricsCodec.encode(stats, t, ts, 0));
            }
        }
    }
}

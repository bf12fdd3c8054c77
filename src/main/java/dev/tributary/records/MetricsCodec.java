package dev.tributary.records;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.learner.LearnerStats;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import static dev.tributary.records.Fields.count;
import static dev.tributary.records.Fields.integer;
import static dev.tributary.records.Fields.number;
import static dev.tributary.records.Fields.optionalText;
import static dev.tributary.records.Fields.text;

/**
 * Per-task metrics records on {@code tributary.metrics} (DESIGN.md §2), one per task per interval:
 * <pre>
 * {"type":"task_metrics","task":"t1","kind":"binary","ts":…,"model_version":…,"skipped_non_finite":0,
 *  "consumed":…,"labelled":…,"dead_lettered":…,"trained":…,"replayed":…,"subsampled":…,"buffered":…,
 *  "sampler_share":0.33,"loss_weight":1.0,"lr_multiplier":1.0,"last_loss":0.41,
 *  "metrics":{"auc":…,"auc_window":…,"logloss":…,…},
 *  "gate":{"shares":[…],"entropy":…,"collapsed":false,"alike":false},
 *  "vocabularies":{"user":{"rows":…,"live":…,"counting":…,"admitted":…,"evicted":…,"expired":…,
 *                          "lookups":…,"unknown":…}},
 *  "replica":{"index":2,"global_version":311,"steps_ahead":3,"ms_since_merge":40,"waiting":true,
 *             "deltas_sent":312,"waits_sent":4,"bytes_sent":…,"updates_merged":311,"duplicates_skipped":0,
 *             "sync_lag_ms":120,"max_sync_lag_ms":1010,"holds":17,"holds_expired":0}}
 * </pre>
 * Undefined numbers (NaN) are written as null, since JSON has no NaN. {@code skipped_non_finite} counts
 * the training steps skipped for a non-finite loss or gradient (over all tasks); {@code dead_lettered}
 * the task's records sent to the dead-letter topic; {@code buffered} its examples waiting for a batch;
 * {@code lr_multiplier} is above 1 while a drift reaction boosts the task's learning rate.
 * {@code vocabularies} (only when the spec has features with a vocabulary; the model's, the same in
 * every task's record) counts each vocabulary's rows in use, admissions, evictions, expiries, and the
 * lookups of present values that fell back to the shared unknown row. {@code replica} (partitioned
 * learners only) describes the replica of the record's input partition: the global version it
 * merged last, the training steps and wall-clock ms since (its staleness), whether its last delta
 * waits to be merged, and the time from sending a delta to merging it ({@code sync_lag_ms}, -1
 * before the first); {@code model_version} and the counts are then the replica's own.
 */
public final class MetricsCodec {
    /** The {@code type} field of these records. */
    public static final String TYPE = "task_metrics";
    private static final JsonFactory JSON = new JsonFactory();

    private MetricsCodec() {
    }

    /**
     * @param deadLettered the task's records sent to the dead-letter topic so far
     */
    public static byte[] encode(LearnerStats stats, LearnerStats.TaskStats t, long timestamp, long deadLettered) {
        return encode(stats, t, timestamp, deadLettered, null);
    }

    /**
     * @param replica partitioned mode: how the learner's replica syncs (the {@code replica} block); null
     *                for the single learner
     */
    public static byte[] encode(LearnerStats stats, LearnerStats.TaskStats t, long timestamp, long deadLettered,
                                ReplicaReport replica) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (JsonGenerator g = JSON.createGenerator(bytes)) {
            g.writeStartObject();
            g.writeStringField("type", TYPE);
            g.writeStringField("task", t.task());
            g.writeStringField("kind", t.kind().name().toLowerCase());
            g.writeNumberField("ts", timestamp);
            g.writeNumberField("model_version", stats.steps());
            g.writeNumberField("skipped_non_finite", stats.skippedNonFinite());
            g.writeNumberField("consumed", t.consumed());
            g.writeNumberField("labelled", t.labelled());
            g.writeNumberField("dead_lettered", deadLettered);
            g.writeNumberField("trained", t.trained());
            g.writeNumberField("replayed", t.replayed());
            g.writeNumberField("subsampled", t.subsampled());
            g.writeNumberField("buffered", t.buffered());
            JsonNumbers.field(g, "sampler_share", t.samplerShare());
            JsonNumbers.field(g, "loss_weight", t.lossWeight());
            JsonNumbers.field(g, "lr_multiplier", t.lrMultiplier());
            JsonNumbers.field(g, "last_loss", t.lastLoss());
            g.writeObjectFieldStart("metrics");
            for (Map.Entry<String, Double> m : t.metrics().entrySet()) {
                JsonNumbers.field(g, m.getKey(), m.getValue());
            }
            g.writeEndObject();
            if (t.gateShares() != null) {
                g.writeObjectFieldStart("gate");
                g.writeArrayFieldStart("shares");
                for (double s : t.gateShares()) {
                    JsonNumbers.value(g, s);
                }
                g.writeEndArray();
                JsonNumbers.field(g, "entropy", t.gateEntropy());
                g.writeBooleanField("collapsed", stats.gateCollapsed());
                g.writeBooleanField("alike", stats.gatesAlike());
                g.writeEndObject();
            }
            if (!stats.vocabularies().isEmpty()) {
                g.writeObjectFieldStart("vocabularies");
                for (LearnerStats.VocabularyStats v : stats.vocabularies()) {
                    g.writeObjectFieldStart(v.feature());
                    for (Map.Entry<String, Long> c : v.counts().entrySet()) {
                        g.writeNumberField(c.getKey(), c.getValue());
                    }
                    g.writeEndObject();
                }
                g.writeEndObject();
            }
            if (replica != null) {
                writeReplica(g, replica);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode metrics of task " + t.task(), e);
        }
        return bytes.toByteArray();
    }

    private static void writeReplica(JsonGenerator g, ReplicaReport r) throws IOException {
        g.writeObjectFieldStart("replica");
        g.writeNumberField("index", r.index());
        g.writeNumberField("global_version", r.globalVersion());
        g.writeNumberField("steps_ahead", r.stepsAhead());
        g.writeNumberField("ms_since_merge", r.msSinceMerge());
        g.writeBooleanField("waiting", r.waiting());
        g.writeNumberField("deltas_sent", r.deltasSent());
        g.writeNumberField("waits_sent", r.waitsSent());
        g.writeNumberField("bytes_sent", r.bytesSent());
        g.writeNumberField("updates_merged", r.updatesMerged());
        g.writeNumberField("duplicates_skipped", r.duplicates());
        g.writeNumberField("sync_lag_ms", r.lastSyncLagMs());
        g.writeNumberField("max_sync_lag_ms", r.maxSyncLagMs());
        g.writeNumberField("holds", r.holds());
        g.writeNumberField("holds_expired", r.holdsExpired());
        g.writeEndObject();
    }

    /** Reads a record {@link #encode} wrote (a tolerant reader: fields added later are ignored). */
    public static MonitorRecord.Metrics read(JsonNode n) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        JsonNode m = n.get("metrics");
        if (m != null && m.isObject()) {
            m.fields().forEachRemaining(e -> metrics.put(e.getKey(), number(e.getValue())));
        }
        return new MonitorRecord.Metrics(text(n, TYPE, "task"), optionalText(n, "kind"),
                integer(n, TYPE, "ts"), integer(n, TYPE, "model_version"), count(n, "consumed"),
                count(n, "labelled"), count(n, "trained"), count(n, "replayed"), number(n.get("sampler_share")),
                number(n.get("loss_weight")), number(n.get("last_loss")), metrics, gate(n.get("gate")),
                sync(n.get("replica")));
    }

    private static MonitorRecord.Sync sync(JsonNode r) {
        if (r == null || !r.isObject()) {
            return null;
        }
        String where = TYPE + " record's replica";
        return new MonitorRecord.Sync((int) integer(r, where, "index"), integer(r, where, "global_version"),
                integer(r, where, "steps_ahead"), integer(r, where, "ms_since_merge"), r.path("waiting").asBoolean(),
                integer(r, where, "deltas_sent"), integer(r, where, "sync_lag_ms"),
                integer(r, where, "max_sync_lag_ms"),
                r.path("holds").asLong(0), r.path("holds_expired").asLong(0));
    }

    private static MonitorRecord.Gate gate(JsonNode g) {
        if (g == null || !g.isObject()) {
            return null;
        }
        JsonNode shares = g.get("shares");
        if (shares == null || !shares.isArray()) {
            throw new IllegalArgumentException("task_metrics record's gate has no 'shares' array");
        }
        double[] s = new double[shares.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = number(shares.get(i));
        }
        return new MonitorRecord.Gate(s, number(g.get("entropy")), g.path("collapsed").asBoolean(false),
                g.path("alike").asBoolean(false));
    }
}

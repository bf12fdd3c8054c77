package dev.tributary.streams;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.tributary.learner.LearnerStats;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Per-task metrics records on {@code tributary.metrics} (DESIGN.md §2), one per task per interval:
 * <pre>
 * {"type":"task_metrics","task":"t1","kind":"binary","ts":…,"model_version":…,"skipped_non_finite":0,
 *  "consumed":…,"labelled":…,"dead_lettered":…,"trained":…,"replayed":…,"subsampled":…,"buffered":…,
 *  "sampler_share":0.33,"loss_weight":1.0,"lr_multiplier":1.0,"last_loss":0.41,
 *  "metrics":{"auc":…,"auc_window":…,"logloss":…,…},
 *  "gate":{"shares":[…],"entropy":…,"collapsed":false,"alike":false}}
 * </pre>
 * Undefined numbers (NaN) are written as null, since JSON has no NaN. {@code skipped_non_finite} counts
 * the training steps skipped for a non-finite loss or gradient (over all tasks); {@code dead_lettered}
 * the task's records sent to the dead-letter topic; {@code buffered} its examples waiting for a batch;
 * {@code lr_multiplier} is above 1 while a drift reaction boosts the task's learning rate.
 */
public final class MetricsCodec {
    public static final String TASK_METRICS = "task_metrics";
    private static final JsonFactory JSON = new JsonFactory();

    private MetricsCodec() {
    }

    /**
     * @param deadLettered the task's records sent to the dead-letter topic so far
     */
    public static byte[] encode(LearnerStats stats, LearnerStats.TaskStats t, long timestamp, long deadLettered) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (JsonGenerator g = JSON.createGenerator(bytes)) {
            g.writeStartObject();
            g.writeStringField("type", TASK_METRICS);
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
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode metrics of task " + t.task(), e);
        }
        return bytes.toByteArray();
    }

}

package dev.tributary.records;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.learner.DriftAlert;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import static dev.tributary.records.Fields.count;
import static dev.tributary.records.Fields.integer;
import static dev.tributary.records.Fields.number;
import static dev.tributary.records.Fields.optionalText;
import static dev.tributary.records.Fields.text;

/**
 * Drift records on {@code tributary.drift}:
 * <pre>{"type":"drift","task":"t1","signal":"error","detector":"adwin","position":1834,"ts":…,
 *  "statistic":…,"mean_before":0.18,"mean_after":0.47,"model_version":…,"reaction":"none"}</pre>
 * {@code reaction} says what the learner did about it ({@link DriftAlert#reaction()}).
 */
public final class DriftCodec {
    /** The {@code type} field of these records. */
    public static final String TYPE = "drift";
    private static final JsonFactory JSON = new JsonFactory();

    private DriftCodec() {
    }

    public static byte[] encode(DriftAlert a) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(bytes)) {
            g.writeStartObject();
            g.writeStringField("type", TYPE);
            g.writeStringField("task", a.task());
            g.writeStringField("signal", a.signal());
            g.writeStringField("detector", a.detector());
            g.writeNumberField("position", a.position());
            g.writeNumberField("ts", a.timestamp());
            JsonNumbers.field(g, "statistic", a.statistic());
            JsonNumbers.field(g, "mean_before", a.meanBefore());
            JsonNumbers.field(g, "mean_after", a.meanAfter());
            g.writeNumberField("model_version", a.modelVersion());
            g.writeStringField("reaction", a.reaction());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode a drift alert of task " + a.task(), e);
        }
        return bytes.toByteArray();
    }

    /** Reads a record {@link #encode} wrote (a tolerant reader: fields added later are ignored). */
    public static MonitorRecord.Drift read(JsonNode n) {
        return new MonitorRecord.Drift(text(n, TYPE, "task"), optionalText(n, "signal"), optionalText(n, "detector"),
                count(n, "position"), count(n, "ts"), number(n.get("statistic")), number(n.get("mean_before")),
                number(n.get("mean_after")), integer(n, TYPE, "model_version"), optionalText(n, "reaction"));
    }
}

package dev.tributary.streams;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.tributary.learner.DriftAlert;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Drift records on {@code tributary.drift}:
 * <pre>{"type":"drift","task":"t1","signal":"error","detector":"adwin","position":1834,"ts":…,
 *  "statistic":…,"mean_before":0.18,"mean_after":0.47,"model_version":…,"reaction":"none"}</pre>
 * {@code reaction} says what the learner did about it ({@link DriftAlert#reaction()}).
 */
public final class DriftCodec {
    public static final String DRIFT = "drift";
    private static final JsonFactory JSON = new JsonFactory();

    private DriftCodec() {
    }

    public static byte[] encode(DriftAlert a) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(bytes)) {
            g.writeStartObject();
            g.writeStringField("type", DRIFT);
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

}

package dev.tributary.streams;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.tributary.learner.Prediction;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The prediction record on {@code <task>.predictions} (DESIGN.md §2):
 * <pre>{"id":"e-17","task":"income","score":0.83,"label":1,"model_version":2035,"ts":1763884800000}</pre>
 * plus {@code "distribution":[…]} and {@code "predicted":"class"} for multiclass tasks. {@code id}
 * is null when the event had none; {@code label} is present only when the event had one.
 */
public final class PredictionCodec {
    private static final JsonFactory JSON = new JsonFactory();

    private PredictionCodec() {
    }

    public static byte[] encode(Prediction p) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (JsonGenerator g = JSON.createGenerator(bytes)) {
            g.writeStartObject();
            g.writeStringField("id", p.id());
            g.writeStringField("task", p.task());
            g.writeNumberField("score", p.score());
            if (p.distribution() != null) {
                g.writeArrayFieldStart("distribution");
                for (double d : p.distribution()) {
                    g.writeNumber(d);
                }
                g.writeEndArray();
                g.writeStringField("predicted", p.predicted());
            }
            if (p.label() != null) {
                g.writeFieldName("label");
                writeLabel(g, p.label());
            }
            g.writeNumberField("model_version", p.modelVersion());
            g.writeNumberField("ts", p.timestamp());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode prediction for task " + p.task(), e);
        }
        return bytes.toByteArray();
    }

    private static void writeLabel(JsonGenerator g, Object label) throws IOException {
        if (label instanceof Number n) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                g.writeNumber((long) d);
            } else {
                g.writeNumber(d);
            }
        } else if (label instanceof Boolean b) {
            g.writeNumber(b ? 1 : 0);
        } else {
            g.writeString(label.toString());
        }
    }
}

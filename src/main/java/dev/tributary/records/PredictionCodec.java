package dev.tributary.records;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.learner.Prediction;

import java.io.IOException;
import java.io.UncheckedIOException;

import static dev.tributary.records.Fields.integer;
import static dev.tributary.records.Fields.number;
import static dev.tributary.records.Fields.text;

/**
 * The prediction record on {@code <task>.predictions} (DESIGN.md §2):
 * <pre>{"id":"e-17","task":"income","score":0.83,"label":1,"model_version":2035,"ts":1763884800000}</pre>
 * plus {@code "distribution":[…]} and {@code "predicted":"class"} for multiclass tasks. {@code id}
 * is null when the event had none; {@code label} is present only when the event had one. With
 * partitioned learners, {@code "replica"} (the input partition whose replica scored the event) and
 * {@code "global_version"} (the global model version it had merged last) follow {@code model_version}.
 *
 * <p>An instance keeps one generator and buffer for all the records it encodes (the learner encodes
 * one per event); it is not thread-safe. {@link #encode} is a one-off for other callers.
 */
public final class PredictionCodec {
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final ByteArrayBuilder buffer = new ByteArrayBuilder(256);
    /** Writes one root value per record, without a separator: each is taken out of the buffer alone. */
    private final JsonGenerator generator;

    public PredictionCodec() {
        try {
            generator = JSON.createGenerator(buffer);
            generator.setRootValueSeparator(null);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a JSON generator", e);
        }
    }

    /** The prediction record's bytes. */
    public byte[] write(Prediction p) {
        return write(p, -1, 0);
    }

    /**
     * The prediction record's bytes, with the replica that made it and the global model version it had
     * merged last ({@code "replica"} and {@code "global_version"}) when {@code replica} is not negative.
     */
    public byte[] write(Prediction p, int replica, long globalVersion) {
        try {
            write(generator, p, replica, globalVersion);
            generator.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode prediction for task " + p.task(), e);
        }
        byte[] out = buffer.toByteArray();
        buffer.reset();
        return out;
    }

    /** The prediction record's bytes (a new generator each call: for occasional use). */
    public static byte[] encode(Prediction p) {
        return new PredictionCodec().write(p);
    }

    private static void write(JsonGenerator g, Prediction p, int replica, long globalVersion) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", p.id());
        g.writeStringField("task", p.task());
        JsonNumbers.field(g, "score", p.score());
        if (p.distribution() != null) {
            g.writeArrayFieldStart("distribution");
            for (double d : p.distribution()) {
                JsonNumbers.value(g, d);
            }
            g.writeEndArray();
            g.writeStringField("predicted", p.predicted());
        }
        if (p.label() != null) {
            g.writeFieldName("label");
            writeLabel(g, p.label());
        }
        g.writeNumberField("model_version", p.modelVersion());
        if (replica >= 0) {
            g.writeNumberField("replica", replica);
            g.writeNumberField("global_version", globalVersion);
        }
        g.writeNumberField("ts", p.timestamp());
        g.writeEndObject();
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

    /**
     * Reads a prediction record (a tolerant reader: fields added later are ignored). Undefined numbers
     * (null) are NaN; a numeric label comes back as a {@link Double}, a class name as a String.
     *
     * @throws IllegalArgumentException naming the field when the JSON is not a prediction
     */
    public static Prediction read(byte[] json) {
        JsonNode n;
        try {
            n = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("prediction is not JSON: " + e.getMessage(), e);
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("prediction must be a JSON object");
        }
        JsonNode id = n.get("id");
        JsonNode dist = n.get("distribution");
        double[] distribution = null;
        if (dist != null && dist.isArray()) {
            distribution = new double[dist.size()];
            for (int i = 0; i < distribution.length; i++) {
                distribution[i] = number(dist.get(i));
            }
        }
        JsonNode label = n.get("label");
        Object labelValue = label == null || label.isNull() ? null : label.isNumber() ? label.doubleValue() : label.asText();
        JsonNode predicted = n.get("predicted");
        return new Prediction(text(n, "prediction", "task"), id == null || id.isNull() ? null : id.asText(),
                integer(n, "prediction", "ts"), number(n.get("score")), distribution,
                predicted == null || predicted.isNull() ? null : predicted.asText(), labelValue,
                integer(n, "prediction", "model_version"));
    }
}

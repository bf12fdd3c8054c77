package dev.tributary.streams;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.tributary.learner.Affinity;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Task-affinity records on {@code tributary.affinity}:
 * <pre>{"type":"task_affinity","ts":…,"model_version":…,"tasks":["t1","t2"],
 *  "matrix":[[…,…],[…,…]],"samples":N}</pre>
 * {@code matrix[i][j]} is the mean lookahead affinity {@code Z_{i→j}} ({@link Affinity}); cells never
 * measured are null, since JSON has no NaN.
 */
public final class AffinityCodec {
    public static final String TASK_AFFINITY = "task_affinity";
    private static final JsonFactory JSON = new JsonFactory();

    private AffinityCodec() {
    }

    public static byte[] encode(Affinity a, long modelVersion, long timestamp) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128 + 24 * a.tasks().size() * a.tasks().size());
        try (JsonGenerator g = JSON.createGenerator(bytes)) {
            g.writeStartObject();
            g.writeStringField("type", TASK_AFFINITY);
            g.writeNumberField("ts", timestamp);
            g.writeNumberField("model_version", modelVersion);
            g.writeArrayFieldStart("tasks");
            for (String t : a.tasks()) {
                g.writeString(t);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("matrix");
            for (double[] row : a.matrix()) {
                g.writeStartArray();
                for (double v : row) {
                    JsonNumbers.value(g, v);
                }
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeNumberField("samples", a.samples());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode the task affinity", e);
        }
        return bytes.toByteArray();
    }
}

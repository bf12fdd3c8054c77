package dev.tributary.records;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.learner.Affinity;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import static dev.tributary.records.Fields.count;
import static dev.tributary.records.Fields.number;

/**
 * Task-affinity records on {@code tributary.affinity}:
 * <pre>{"type":"task_affinity","ts":…,"model_version":…,"tasks":["t1","t2"],
 *  "matrix":[[…,…],[…,…]],"samples":N}</pre>
 * {@code matrix[i][j]} is the mean lookahead affinity {@code Z_{i→j}} ({@link Affinity}); cells never
 * measured are null, since JSON has no NaN.
 */
public final class AffinityCodec {
    /** The {@code type} field of these records. */
    public static final String TYPE = "task_affinity";
    private static final JsonFactory JSON = new JsonFactory();

    private AffinityCodec() {
    }

    public static byte[] encode(Affinity a, long modelVersion, long timestamp) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128 + 24 * a.tasks().size() * a.tasks().size());
        try (JsonGenerator g = JSON.createGenerator(bytes)) {
            g.writeStartObject();
            g.writeStringField("type", TYPE);
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

    /** Reads a record {@link #encode} wrote (a tolerant reader: fields added later are ignored). */
    public static MonitorRecord.Affinity read(JsonNode n) {
        JsonNode tasks = n.get("tasks");
        JsonNode matrix = n.get("matrix");
        if (tasks == null || !tasks.isArray() || tasks.isEmpty()) {
            throw new IllegalArgumentException("task_affinity record has no 'tasks' array");
        }
        if (matrix == null || !matrix.isArray() || matrix.size() != tasks.size()) {
            throw new IllegalArgumentException("task_affinity record's 'matrix' must have one row per task ("
                    + tasks.size() + "), found " + (matrix == null || !matrix.isArray() ? "none" : matrix.size()));
        }
        List<String> names = new ArrayList<>();
        tasks.forEach(t -> names.add(t.asText()));
        double[][] z = new double[names.size()][names.size()];
        for (int i = 0; i < z.length; i++) {
            JsonNode row = matrix.get(i);
            if (!row.isArray() || row.size() != z.length) {
                throw new IllegalArgumentException("task_affinity record's matrix row " + i + " must have "
                        + z.length + " numbers, found " + (row.isArray() ? row.size() : row.getNodeType()));
            }
            for (int j = 0; j < z.length; j++) {
                z[i][j] = number(row.get(j));
            }
        }
        return new MonitorRecord.Affinity(count(n, "ts"), count(n, "model_version"), names, z, count(n, "samples"));
    }
}

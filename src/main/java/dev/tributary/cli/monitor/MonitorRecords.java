package dev.tributary.cli.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.streams.DriftCodec;
import dev.tributary.streams.MetricsCodec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses monitoring records (JSON objects with a {@code type} field) into {@link MonitorRecord}s.
 * A record that is not JSON, not an object, has no {@code type}, or lacks a field its type requires
 * is refused with an {@link IllegalArgumentException} that names the problem; a well-formed record of
 * an unknown type becomes {@link MonitorRecord.Other}. Thread-safe.
 */
public final class MonitorRecords {
    /** {@code type} of per-task metrics records. */
    public static final String TASK_METRICS = MetricsCodec.TASK_METRICS;
    /** {@code type} of drift alerts. */
    public static final String DRIFT = DriftCodec.DRIFT;
    /** {@code type} of task-affinity matrices. */
    public static final String TASK_AFFINITY = "task_affinity";
    private static final ObjectMapper JSON = new ObjectMapper();

    private MonitorRecords() {
    }

    /** Parses one record from UTF-8 JSON. */
    public static MonitorRecord parse(byte[] json) {
        return parse(new String(json, StandardCharsets.UTF_8));
    }

    /** Parses one record from a JSON text. */
    public static MonitorRecord parse(String json) {
        JsonNode n;
        try {
            n = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable: " + e.getMessage(), e);
        }
        if (n == null || n.isMissingNode()) {
            throw new IllegalArgumentException("empty record");
        }
        return parse(n);
    }

    /** Converts a parsed JSON tree. */
    public static MonitorRecord parse(JsonNode n) {
        if (!n.isObject()) {
            throw new IllegalArgumentException("not a JSON object: " + n.getNodeType().name().toLowerCase());
        }
        JsonNode type = n.get("type");
        if (type == null || !type.isTextual()) {
            throw new IllegalArgumentException("no 'type' field");
        }
        return switch (type.asText()) {
            case TASK_METRICS -> metrics(n);
            case DRIFT -> drift(n);
            case TASK_AFFINITY -> affinity(n);
            default -> new MonitorRecord.Other(type.asText());
        };
    }

    private static MonitorRecord.Metrics metrics(JsonNode n) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        JsonNode m = n.get("metrics");
        if (m != null && m.isObject()) {
            m.fields().forEachRemaining(e -> metrics.put(e.getKey(), number(e.getValue())));
        }
        return new MonitorRecord.Metrics(text(n, TASK_METRICS, "task"), optionalText(n, "kind"),
                integer(n, TASK_METRICS, "ts"), integer(n, TASK_METRICS, "model_version"), count(n, "consumed"),
                count(n, "labelled"), count(n, "trained"), count(n, "replayed"), number(n.get("sampler_share")),
                number(n.get("loss_weight")), number(n.get("last_loss")), metrics, gate(n.get("gate")));
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

    private static MonitorRecord.Drift drift(JsonNode n) {
        return new MonitorRecord.Drift(text(n, DRIFT, "task"), optionalText(n, "signal"), optionalText(n, "detector"),
                count(n, "position"), count(n, "ts"), number(n.get("statistic")), number(n.get("mean_before")),
                number(n.get("mean_after")), integer(n, DRIFT, "model_version"), optionalText(n, "reaction"));
    }

    private static MonitorRecord.Affinity affinity(JsonNode n) {
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

    private static String text(JsonNode n, String type, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new IllegalArgumentException(type + " record has no '" + field + "'");
        }
        return v.asText();
    }

    private static String optionalText(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    private static long integer(JsonNode n, String type, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException(type + " record has no numeric '" + field + "'");
        }
        return v.asLong();
    }

    private static long count(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isNumber() ? 0 : v.asLong();
    }

    private static double number(JsonNode v) {
        return v == null || !v.isNumber() ? Double.NaN : v.asDouble();
    }
}

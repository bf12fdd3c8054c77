package dev.tributary.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON Schemas of the wire formats, as published in {@code docs/schemas} (docs/wire-formats.md), for
 * tests that check real records against them.
 */
public final class WireSchemas {
    public static final Path DIR = Path.of("docs/schemas");
    public static final String EVENT = "event";
    public static final String PREDICTION = "prediction";
    public static final String DEAD_LETTER = "dead-letter";
    public static final String TASK_METRICS = "task-metrics";
    public static final String DRIFT = "drift";
    public static final String TASK_AFFINITY = "task-affinity";
    public static final String MODEL_ROUNDS = "model-rounds";
    public static final List<String> ALL = List.of(EVENT, PREDICTION, DEAD_LETTER, TASK_METRICS, DRIFT, TASK_AFFINITY,
            MODEL_ROUNDS);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> LOADED = new ConcurrentHashMap<>();

    private WireSchemas() {
    }

    public static Path file(String name) {
        return DIR.resolve(name + ".schema.json");
    }

    public static JsonNode document(String name) {
        try {
            return JSON.readTree(file(name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The problems the schema finds in {@code json}, one line each; empty when it conforms. */
    public static List<String> problems(String name, byte[] json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
        return problems(name, node);
    }

    public static List<String> problems(String name, JsonNode node) {
        Schema schema = LOADED.computeIfAbsent(name, WireSchemas::load);
        return schema.validate(node).stream().map(Error::toString).toList();
    }

    private static Schema load(String name) {
        try (InputStream in = Files.newInputStream(file(name))) {
            return REGISTRY.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file(name), e);
        }
    }
}

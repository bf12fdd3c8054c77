package dev.tributary.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Reads a learning topology spec from YAML into an immutable, fully validated {@link TopologySpec}.
 *
 * <p>Everything is checked up front: unknown keys (typos) at every level, value types, ranges, the keys a
 * model family allows, and how the tasks, features, data set and synthetic generator fit together. The
 * first problem found is thrown as a {@link SpecException} that names the source, the key path, the
 * bad value and what is allowed. YAML syntax errors give the line and column. The keys, their defaults
 * and allowed values are documented in {@code docs/spec.md}.
 */
public final class SpecLoader {
    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final String[] TOP_LEVEL_KEYS = {"name", "seed", "tasks", "features", "model", "optimizer",
        "weighting", "sampler", "batch", "dataset", "synthetic", "monitoring"};
    private static final long DEFAULT_SEED = 42;

    private SpecLoader() {
    }

    /**
     * Loads a spec file (UTF-8). Relative data set paths resolve against the file's folder.
     *
     * @throws SpecException if the file cannot be read or the spec is invalid
     */
    public static TopologySpec load(Path file) {
        Objects.requireNonNull(file, "file");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SpecException(file.toString(), "", "cannot read the spec file (" + e + ")", e);
        }
        Path baseDir = file.toAbsolutePath().normalize().getParent();
        return parse(text, file.toString(), baseDir);
    }

    /**
     * Parses and validates a spec.
     *
     * @param yaml       the spec text
     * @param sourceName what errors call the spec, usually its file name
     * @param baseDir    the folder that relative data set paths resolve against
     * @throws SpecException if the spec is not valid YAML or not a valid topology
     */
    public static TopologySpec parse(String yaml, String sourceName, Path baseDir) {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(baseDir, "baseDir");
        YamlNode root = YamlNode.root(sourceName, readTree(stripBom(yaml), sourceName));
        if (!root.isPresent()) {
            throw root.fail("the spec is empty; it needs at least name, tasks, features and model");
        }
        if (!root.isMapping()) {
            throw root.fail("the spec must be a mapping of keys to values, found " + root.found());
        }
        return topology(root.mapping(TOP_LEVEL_KEYS), baseDir);
    }

    private static TopologySpec topology(YamlNode root, Path baseDir) {
        YamlNode nameNode = root.require("name");
        String name = nameNode.string();
        nameNode.check(Names.TOPOLOGY.matcher(name).matches(), "must match [A-Za-z0-9._-]+");
        long seed = root.get("seed").longInteger(DEFAULT_SEED);
        List<TaskSpec> tasks = TasksParser.parse(root.require("tasks"));
        List<FeatureSpec> features = FeaturesParser.parse(root.require("features"));
        ModelSpec model = ModelParser.parse(root.require("model"));
        OptimizerSpec optimizer = TrainingParser.optimizer(root.get("optimizer"));
        WeightingSpec weighting = TrainingParser.weighting(root.get("weighting"), tasks, model.family());
        SamplerSpec sampler = TrainingParser.sampler(root.get("sampler"), tasks);
        BatchSpec batch = TrainingParser.batch(root.get("batch"));
        YamlNode datasetNode = root.get("dataset");
        YamlNode syntheticNode = root.get("synthetic");
        if (datasetNode.isPresent() && syntheticNode.isPresent()) {
            throw syntheticNode.fail("dataset and synthetic must not both be given: events come from one source");
        }
        DatasetSpec dataset = datasetNode.isPresent()
                ? DatasetParser.parse(datasetNode, tasks, features, baseDir) : null;
        SyntheticSpec synthetic = syntheticNode.isPresent()
                ? SyntheticParser.parse(syntheticNode, tasks, features) : null;
        MonitoringSpec monitoring = MonitoringParser.parse(root.get("monitoring"), tasks, model.family(),
                weighting.type());
        return new TopologySpec(name, seed, tasks, features, model, optimizer, weighting, sampler, batch, dataset,
                synthetic, monitoring);
    }

    /** The YAML tree of a single-document spec, or null when it is empty. */
    private static JsonNode readTree(String yaml, String sourceName) {
        try (JsonParser parser = MAPPER.createParser(yaml)) {
            JsonNode tree = MAPPER.readTree(parser);
            if (tree != null && parser.nextToken() != null) {
                JsonLocation at = parser.currentLocation();
                throw new SpecException(sourceName, "", "a spec must be a single YAML document, found another at line "
                        + at.getLineNr());
            }
            return tree;
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof MarkedYAMLException syntax) {
                throw syntaxError(sourceName, syntax, e);
            }
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            String problem = e.getOriginalMessage().replace("Duplicate field", "duplicate key");
            throw new SpecException(sourceName, "", "YAML error" + where + ": " + problem, e);
        } catch (IOException e) {
            throw new SpecException(sourceName, "", "cannot read the YAML (" + e + ")", e);
        }
    }

    /** SnakeYAML's marks count from 0; people count lines and columns from 1. */
    private static SpecException syntaxError(String sourceName, MarkedYAMLException syntax, Exception wrapper) {
        Mark mark = syntax.getProblemMark() != null ? syntax.getProblemMark() : syntax.getContextMark();
        String context = syntax.getContext() == null ? "" : " (" + syntax.getContext() + ")";
        String where = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
        return new SpecException(sourceName, "", "YAML syntax error" + where + ": " + syntax.getProblem() + context,
                wrapper);
    }

    /** Editors on some systems write a UTF-8 byte order mark; it is not part of the YAML. */
    private static String stripBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}

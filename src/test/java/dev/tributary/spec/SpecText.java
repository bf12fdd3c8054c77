package dev.tributary.spec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds small spec texts for tests: a valid base whose top-level sections can be replaced or removed. */
final class SpecText {
    static final String SOURCE = "test.yaml";
    static final Path BASE_DIR = Path.of("/specs");

    private final Map<String, String> sections = new LinkedHashMap<>();

    private SpecText() {
    }

    /** A valid two-task MMoE spec with one numeric and one categorical feature. */
    static SpecText base() {
        return new SpecText()
                .with("name", "name: demo")
                .with("tasks", """
                        tasks:
                          - {name: income, kind: binary}
                          - {name: marital, kind: binary}""")
                .with("features", """
                        features:
                          - {name: age, type: numeric}
                          - {name: workclass, type: categorical}""")
                .with("model", """
                        model:
                          family: mmoe
                          experts: {count: 4, hidden: [32]}""");
    }

    /** Sets (or replaces) the top-level section {@code key} to {@code text}, which includes the key. */
    SpecText with(String key, String text) {
        sections.put(key, text);
        return this;
    }

    SpecText without(String key) {
        sections.remove(key);
        return this;
    }

    String yaml() {
        return String.join("\n", sections.values()) + "\n";
    }

    TopologySpec parse() {
        return SpecLoader.parse(yaml(), SOURCE, BASE_DIR);
    }

    @Override
    public String toString() {
        return yaml();
    }
}

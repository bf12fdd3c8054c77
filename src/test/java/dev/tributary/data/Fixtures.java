package dev.tributary.data;

import dev.tributary.spec.DataFile;
import dev.tributary.spec.DataFormat;
import dev.tributary.spec.DatasetSpec;
import dev.tributary.spec.LabelSpec;
import dev.tributary.spec.TaskKind;
import dev.tributary.spec.TaskSpec;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Test fixtures (src/test/resources/dev/tributary/data) and the specs that read them. */
final class Fixtures {
    static final List<String> ADULT_COLUMNS = List.of("age", "workclass", "fnlwgt", "education", "education-num",
            "marital-status", "occupation", "relationship", "race", "sex", "capital-gain", "capital-loss",
            "hours-per-week", "native-country", "income");

    private Fixtures() {
    }

    static Path resource(String name) {
        try {
            return Path.of(Fixtures.class.getResource(name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource " + name, e);
        }
    }

    static TaskSpec task(String name, TaskKind kind) {
        return new TaskSpec(name, kind, List.of(), name + ".events", false);
    }

    static List<TaskSpec> adultTasks() {
        return List.of(task("income", TaskKind.BINARY), task("marital", TaskKind.BINARY));
    }

    /** The MMoE paper's census group 1: income > 50K, and never married without the columns that give it away. */
    static DatasetSpec adult(String positiveIncome) {
        return new DatasetSpec(DataFormat.CSV, null, null, false, ADULT_COLUMNS, ",", Set.of("?"),
                Map.of("income", new LabelSpec("income", Set.of(positiveIncome)),
                        "marital", new LabelSpec("marital-status", Set.of("Never-married"))),
                Map.of("marital", List.of("relationship")), null);
    }

    static DataFile file(String resource) {
        return new DataFile(resource(resource), 0);
    }
}

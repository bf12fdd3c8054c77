package dev.tributary.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every broken spec is refused up front with a message that names the source, the key path, the bad
 * value and what is allowed.
 */
class SpecValidationTest {
    private static final String TWO_TASKS_DATASET = """
            dataset:
              train: rows.csv
              header: false
              columns: [age, workclass, inc, ms]
            """;

    static Stream<Arguments> brokenSpecs() {
        return Stream.of(
                // top level and names
                broken(SpecText.base().with("modle", "modle: {}"),
                        "unknown key 'modle' at the top level; allowed: name, seed, tasks", "did you mean 'model'?"),
                broken(SpecText.base().without("name"), "test.yaml: name is required"),
                broken(SpecText.base().with("name", "name: my topology"),
                        "name must match [A-Za-z0-9._-]+, found 'my topology'"),
                broken(SpecText.base().with("name", "name: yes"), "name must be a string, found true (YAML reads "
                        + "unquoted yes/no/on/off/true/false as booleans: quote it)"),
                broken(SpecText.base().with("seed", "seed: abc"), "seed must be an integer, found 'abc'"),
                // tasks
                broken(SpecText.base().with("tasks", "tasks: []"), "tasks must list at least one task, found []"),
                broken(SpecText.base().with("tasks", "tasks: [{name: a, kind: binary}, {name: b, kind: binnary}]"),
                        "test.yaml: tasks[1].kind must be one of binary, multiclass, regression, found 'binnary'",
                        "did you mean 'binary'?"),
                broken(SpecText.base().with("tasks", "tasks: [{name: a, kind: binary}, {name: a, kind: regression}]"),
                        "tasks[1].name 'a' is already used", "must be unique"),
                broken(SpecText.base().with("tasks", "tasks: [{name: a.b, kind: binary}]"),
                        "tasks[0].name must match [A-Za-z0-9_-]+, found 'a.b'"),
                broken(SpecText.base().with("tasks", "tasks: [{name: a, kind: binary}, {name: shared, kind: binary}]"),
                        "tasks[1].name must not be 'shared'", "found 'shared'"),
                broken(SpecText.base().with("tasks", "tasks: [{name: a, kind: multiclass}]"),
                        "tasks[0].classes is required for kind multiclass"),
                broken(SpecText.base().with("tasks", "tasks: [{name: a, kind: multiclass, classes: [x]}]"),
                        "tasks[0].classes must list at least two class names for kind multiclass, found [\"x\"]"),
                broken(SpecText.base().with("tasks", "tasks: [{name: a, kind: multiclass, classes: [x, y, x]}]"),
                        "tasks[0].classes[2] repeats 'x'"),
                broken(SpecText.base().with("tasks", "tasks: [{name: a, kind: binary, classes: [x, y]}]"),
                        "tasks[0].classes must be absent for kind binary"),
                broken(SpecText.base().with("tasks", "tasks: [{name: a, kind: binary, topic: 'a events'}]"),
                        "tasks[0].topic must be a legal Kafka topic name", "found 'a events'"),
                broken(SpecText.base().with("tasks", "tasks: [{name: a, kind: binary}, {name: b, kind: binary, "
                        + "topic: a.events}]"), "tasks[1].topic 'a.events' is already the topic of task 'a'"),
                broken(SpecText.base().with("tasks", "tasks: [{name: a, kind: binary, auxiliary: true}]"),
                        "tasks are all auxiliary"),
                broken(SpecText.base().with("tasks", "tasks: [{name: a, kind: binary, auxiliary: maybe}]"),
                        "tasks[0].auxiliary must be true or false, found 'maybe'"),
                broken(SpecText.base().with("tasks", "tasks: [{name: a, knid: binary}]"),
                        "unknown key 'knid' in tasks[0]; allowed: name, kind, classes, topic, auxiliary",
                        "did you mean 'kind'?"),
                // features
                broken(SpecText.base().with("features", "features: [{name: a, type: categorical, count: 3}]"),
                        "features[0].count must be absent for type categorical"),
                broken(SpecText.base().with("features", "features: [{name: a, type: numeric, count: 0}]"),
                        "features[0].count must be between 1 and 1048576, found 0"),
                broken(SpecText.base().with("features", "features: [{name: a, type: categorical, buckets: 0}]"),
                        "features[0].buckets must be between 1 and 16777216, found 0"),
                broken(SpecText.base().with("features", "features: [{name: a, type: categorical, embedding: 300}]"),
                        "features[0].embedding must be between 1 and 256, found 300"),
                broken(SpecText.base().with("features", "features: [{name: a, type: numeric, embedding: 4}]"),
                        "features[0].embedding must be absent for type numeric"),
                broken(SpecText.base().with("features", "features: [{name: x, type: numeric, count: 3}, "
                        + "{name: x1, type: numeric}]"), "features[1] declares feature 'x1', which features[0] "
                        + "already declares"),
                broken(SpecText.base().with("features", "features: [{name: a, type: text}]"),
                        "features[0].type must be one of numeric, categorical, found 'text'"),
                broken(SpecText.base().with("features", "features: [{name: a, type: numeric, vocabulary: {}}]"),
                        "features[0].vocabulary must be absent for type numeric"),
                broken(SpecText.base().with("features", "features: [{name: a, type: categorical, "
                        + "vocabulary: {minCount: 0}}]"), "features[0].vocabulary.minCount must be between 1 and "
                        + "1000000, found 0"),
                broken(SpecText.base().with("features", "features: [{name: a, type: categorical, "
                        + "vocabulary: {expireAfter: 7 days}}]"), "features[0].vocabulary.expireAfter must be a "
                        + "duration: an integer with a unit ms, s, m, h or d (30s, 7d), found '7 days'"),
                broken(SpecText.base().with("features", "features: [{name: a, type: categorical, "
                        + "vocabulary: {expireAfter: 0s}}]"), "features[0].vocabulary.expireAfter must be a "
                        + "positive duration (leave it out to never expire)"),
                broken(SpecText.base().with("features", "features: [{name: a, type: categorical, "
                        + "vocabulary: {minCount: 1, candidates: 10}}]"), "features[0].vocabulary.candidates must "
                        + "be absent when minCount is 1"),
                broken(SpecText.base().with("features", "features: [{name: a, type: categorical, buckets: 1, "
                        + "vocabulary: {}}]"), "features[0].buckets must be at least 2 with a vocabulary"),
                broken(SpecText.base().with("features", "features: [{name: a, type: categorical, "
                        + "vocabulary: {minCnt: 3}}]"), "unknown key 'minCnt' in features[0].vocabulary"),
                // model
                broken(SpecText.base().with("model", "model: {family: mmoe, experts: {count: 0, hidden: [32]}}"),
                        "test.yaml: model.experts.count must be at least 1 for family mmoe, found 0"),
                broken(SpecText.base().with("model", "model: {family: mmoe}"),
                        "model.experts is required for family mmoe"),
                broken(SpecText.base().with("model", "model: {family: omoe, experts: {count: 2, hidden: []}}"),
                        "model.experts.hidden must list at least one layer width, found []"),
                broken(SpecText.base().with("model", "model: {family: mmoe, experts: {count: 4, hiden: [32]}}"),
                        "unknown key 'hiden' in model.experts; allowed: count, hidden", "did you mean 'hidden'?"),
                broken(SpecText.base().with("model", "model: {family: mixture}"),
                        "model.family must be one of single-task, shared-bottom, soft-sharing, omoe, mmoe, cgc, ple, "
                                + "found 'mixture'"),
                broken(SpecText.base().with("model", "model: {family: shared_bottom}"),
                        "found 'shared_bottom'", "did you mean 'shared-bottom'?"),
                broken(SpecText.base()
                                .with("model", "model: {family: shared-bottom, experts: {count: 2, hidden: [4]}}"),
                        "model.experts must be absent for family shared-bottom"),
                broken(SpecText.base().with("model", "model: {family: mmoe, experts: {count: 2, hidden: [4]}, "
                        + "taskExperts: {count: 1}}"), "model.taskExperts must be absent for family mmoe"),
                broken(SpecText.base()
                                .with("model", "model: {family: mmoe, levels: 2, experts: {count: 2, hidden: [4]}}"),
                        "model.levels must be absent for family mmoe"),
                broken(SpecText.base().with("model", "model: {family: cgc, levels: 2, experts: {hidden: [4]}}"),
                        "model.levels must be 1 for family cgc", "found 2"),
                broken(SpecText.base().with("model", "model: {family: ple, levels: 0, experts: {hidden: [4]}}"),
                        "model.levels must be at least 1 for family ple, found 0"),
                broken(SpecText.base().with("model", "model: {family: cgc}"),
                        "model.experts.hidden is required for family cgc"),
                broken(SpecText.base().with("model", "model: {family: ple, experts: {count: 0, hidden: [4]}, "
                        + "taskExperts: {count: 0}}"), "model.taskExperts.count and model.experts.count are both 0"),
                broken(SpecText.base().with("model", "model: {family: cgc, experts: {hidden: [8]}, "
                        + "taskExperts: {hidden: [16]}}"), "model.taskExperts.hidden must end with the same width as "
                        + "model.experts.hidden (8)", "found 16"),
                broken(SpecText.base().with("model", "model: {family: shared-bottom, gateTemperature: 2}"),
                        "model.gateTemperature must be absent for family shared-bottom"),
                broken(SpecText.base().with("model", "model: {family: mmoe, gateTemperature: 0, experts: {count: 2, "
                        + "hidden: [4]}}"), "model.gateTemperature must be positive, found 0"),
                broken(SpecText.base().with("model", "model: {family: mmoe, expertDropout: 1.0, experts: {count: 2, "
                        + "hidden: [4]}}"), "model.expertDropout must be in [0, 1), found 1.0"),
                broken(SpecText.base().with("model", "model: {family: soft-sharing, softSharingL2: -0.1}"),
                        "model.softSharingL2 must be at least 0, found -0.1"),
                broken(SpecText.base().with("model", "model: {family: mmoe, softSharingL2: 0.1, experts: {count: 2, "
                        + "hidden: [4]}}"), "model.softSharingL2 must be absent for family mmoe"),
                broken(SpecText.base().with("model", "model: {family: shared-bottom, encoder: 64}"),
                        "model.encoder must be a list (write [64] for a single item), found 64"),
                broken(SpecText.base().with("model", "model: {family: shared-bottom, tower: [16, 0]}"),
                        "model.tower[1] must be a layer width between 1 and 65536, found 0"),
                broken(SpecText.base().with("model", "model: {family: shared-bottom, encoder: [2.5]}"),
                        "model.encoder[0] must be an integer, found 2.5"),
                // optimizer, weighting, sampler, batch
                broken(SpecText.base().with("optimizer", "optimizer: {type: adam, learningrate: 0.01}"),
                        "unknown key 'learningrate' in optimizer; allowed: type, learningRate, beta1, beta2",
                        "did you mean 'learningRate'?"),
                broken(SpecText.base().with("optimizer", "optimizer: {type: adamw}"),
                        "optimizer.type must be one of sgd, adagrad, adam, found 'adamw'"),
                broken(SpecText.base().with("optimizer", "optimizer: {learningRate: 0}"),
                        "optimizer.learningRate must be positive, found 0"),
                broken(SpecText.base().with("optimizer", "optimizer: {beta1: 1}"),
                        "optimizer.beta1 must be in [0, 1), found 1"),
                broken(SpecText.base().with("optimizer", "optimizer: {clipNorm: -1}"),
                        "optimizer.clipNorm must be at least 0, found -1"),
                broken(SpecText.base().with("optimizer", "optimizer: {epsilon: .nan}"), "YAML error at line"),
                broken(SpecText.base().with("weighting", "weighting: {weights: {incme: 2.0}}"),
                        "weighting.weights has key 'incme', which is not a task; tasks: income, marital",
                        "did you mean 'income'?"),
                broken(SpecText.base().with("weighting", "weighting: {weights: {income: 0}}"),
                        "weighting.weights.income must be positive, found 0"),
                broken(SpecText.base().with("weighting", "weighting: {type: gradnorm}")
                                .with("model", "model: {family: single-task}"),
                        "weighting.type gradnorm needs a model family with shared layers", "found model.family "
                                + "single-task"),
                broken(SpecText.base().with("weighting", "weighting: {type: dwa, window: 0}"),
                        "weighting.window must be at least 1, found 0"),
                broken(SpecText.base().with("sampler", "sampler: {type: static, weights: {income: -2}}"),
                        "sampler.weights.income must be positive, found -2"),
                broken(SpecText.base().with("sampler", "sampler: {bufferCapacity: 0}"),
                        "sampler.bufferCapacity must be at least 1, found 0"),
                broken(SpecText.base().with("sampler", "sampler: {type: round-robin}"),
                        "sampler.type must be one of uniform, proportional, static, temperature, adaptive"),
                broken(SpecText.base().with("batch", "batch: {size: abc}"),
                        "batch.size must be an integer, found 'abc'"),
                broken(SpecText.base().with("batch", "batch: {size: 100000}"),
                        "batch.size must be between 1 and 65536, found 100000"),
                broken(SpecText.base().with("batch", "batch: {size: 3000000000}"),
                        "batch.size must be at most 2147483647, found 3000000000"),
                broken(SpecText.base().with("batch", "batch: {maxWaitMs: -5}"),
                        "batch.maxWaitMs must be at least 0, found -5"),
                // dataset
                broken(SpecText.base().with("dataset", "dataset: {labels: {income: a, marital: b}}"),
                        "dataset must give train or test (or both), found neither"),
                broken(SpecText.base().with("dataset", "dataset: {train: rows.dat, labels: {income: a, marital: b}}"),
                        "dataset.format is required: it cannot be inferred from dataset.train 'rows.dat'"),
                broken(SpecText.base().with("dataset", "dataset: {train: a.csv, test: b.jsonl, labels: {income: a, "
                        + "marital: b}}"), "train and test file names imply different formats (csv and jsonl)"),
                broken(SpecText.base().with("dataset", "dataset: {train: rows.csv, header: false, labels: {income: "
                        + "a, marital: b}}"), "dataset.columns is required for csv when header is false"),
                broken(SpecText.base().with("dataset", "dataset: {train: rows.csv, columns: [a], labels: {income: "
                        + "a, marital: b}}"), "dataset.columns must be absent when header is true"),
                broken(SpecText.base().with("dataset", "dataset: {train: rows.jsonl, delimiter: ';', labels: "
                        + "{income: a, marital: b}}"), "dataset.delimiter must be absent for format jsonl"),
                broken(SpecText.base().with("dataset", "dataset: {train: rows.csv, delimiter: ';;', labels: "
                        + "{income: a, marital: b}}"), "dataset.delimiter must be a single character",
                        "found ';;'"),
                broken(SpecText.base().with("dataset", "dataset: {train: rows.csv}"),
                        "dataset.labels is required: map every task to its label column"),
                broken(SpecText.base().with("dataset", TWO_TASKS_DATASET + "  labels: {income: {column: inc}}"),
                        "dataset.labels has no entry for task 'marital'; every task needs a label column"),
                broken(SpecText.base().with("dataset", TWO_TASKS_DATASET + "  labels: {income: inc, ms: ms}"),
                        "dataset.labels has key 'ms', which is not a task"),
                broken(SpecText.base().with("dataset", TWO_TASKS_DATASET + "  labels: {income: inx, marital: ms}"),
                        "dataset.labels.income must be one of dataset.columns (age, workclass, inc, ms), found 'inx'; "
                                + "did you mean 'inc'?"),
                broken(SpecText.base().with("dataset", TWO_TASKS_DATASET + "  labels: {income: {column: inc, "
                        + "colum: x}, marital: ms}"), "unknown key 'colum' in dataset.labels.income"),
                broken(SpecText.base().with("tasks", "tasks: [{name: income, kind: regression}]")
                                .with("dataset", TWO_TASKS_DATASET
                                        + "  labels: {income: {column: inc, positive: [1]}}"),
                        "dataset.labels.income.positive must be absent for task 'income' of kind regression"),
                broken(SpecText.base().with("dataset", TWO_TASKS_DATASET + "  labels: {income: inc, marital: ms}\n"
                        + "  exclude: {marital: [workclas]}"), "dataset.exclude.marital[0] must name a declared "
                        + "feature, found 'workclas'; did you mean 'workclass'?"),
                broken(SpecText.base().with("dataset", TWO_TASKS_DATASET.replace("age, ", "") + "  labels: "
                        + "{income: inc, marital: ms}"), "dataset.columns must contain every declared feature, "
                                + "found no column 'age' among workclass, "
                                + "inc, ms"),
                broken(SpecText.base().with("dataset", TWO_TASKS_DATASET + "  labels: {income: inc, marital: ms}\n"
                        + "  timestamp: time"), "dataset.timestamp must be one of dataset.columns", "found 'time'"),
                broken(SpecText.base().with("dataset", TWO_TASKS_DATASET + "  labels: {income: inc, marital: "
                        + "workclass}"), "dataset.labels.marital uses column 'workclass', which is also declared as a "
                        + "feature; a label column is never a feature of any task's events"),
                broken(SpecText.base().with("dataset", TWO_TASKS_DATASET + "  labels: {income: inc, marital: ms}\n"
                        + "  timestamp: age"), "dataset.timestamp 'age' is also declared as a feature"),
                broken(SpecText.base().with("dataset", "dataset: {train: {path: a.csv, skip: -1}, labels: {income: a, "
                        + "marital: b}}"), "dataset.train.skip must be at least 0, found -1"),
                // synthetic
                broken(SpecText.base().with("synthetic", "synthetic: {dimension: 2}"),
                        "synthetic.dimension 2 needs the features to be exactly numeric x0..x1 (write {name: x, "
                                + "type: numeric, count: 2}), found 2 features: age, workclass (categorical)"),
                broken(SpecText.base().with("features", "features: [{name: x, type: numeric, count: 1}]")
                        .with("synthetic", "synthetic: {}"), "synthetic.dimension must be at least the number of "
                        + "tasks (2)", "found 1"),
                broken(SpecText.base().with("features", "features: [{name: x, type: numeric, count: 4}]")
                        .with("synthetic", "synthetic: {correlation: 1.5}"),
                        "synthetic.correlation must be in [-1, 1], found 1.5"),
                broken(SpecText.base().with("features", "features: [{name: x, type: numeric, count: 4}]")
                        .with("synthetic", "synthetic: {events: 0}"), "synthetic.events must be at least 1, found 0"),
                broken(SpecText.base().with("features", "features: [{name: x, type: numeric, count: 4}]")
                        .with("tasks", "tasks: [{name: a, kind: multiclass, classes: [p, q]}]")
                        .with("synthetic", "synthetic: {}"),
                        "tasks[0].kind must be binary or regression for the synthetic generator, found 'multiclass'"),
                broken(SpecText.base().with("features", "features: [{name: x, type: numeric, count: 4}]")
                        .with("synthetic", "synthetic: {}")
                        .with("dataset", "dataset: {train: a.csv, labels: {income: a, marital: b}}"),
                        "dataset and synthetic must not both be given"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("brokenSpecs")
    void shouldRefuseBrokenSpecNamingKeyAndValue(SpecText spec, String expected, List<String> alsoExpected) {
        SpecException e = assertThrows(SpecException.class, spec::parse, () -> "accepted:\n" + spec);

        String message = e.getMessage();
        assertTrue(message.startsWith(SpecText.SOURCE + ": "), message);
        assertTrue(message.contains(expected), () -> "expected '" + expected + "' in: " + message);
        for (String fragment : alsoExpected) {
            assertTrue(message.contains(fragment), () -> "expected '" + fragment + "' in: " + message);
        }
    }

    @Test
    void shouldReportTheKeyPathOfTheError() {
        SpecException e = assertThrows(SpecException.class, () -> SpecText.base()
                .with("model", "model: {family: mmoe, experts: {count: 0, hidden: [32]}}").parse());

        assertEquals("model.experts.count", e.keyPath());
        assertEquals(SpecText.SOURCE, e.source());
        assertEquals("test.yaml: model.experts.count must be at least 1 for family mmoe, found 0", e.getMessage());
    }

    @Test
    void shouldListAllowedKeysForATypo() {
        SpecException e = assertThrows(SpecException.class, () -> SpecText.base()
                .with("optimizer", "optimizer: {learningrate: 0.01}").parse());

        assertEquals("test.yaml: unknown key 'learningrate' in optimizer; allowed: type, learningRate, beta1, beta2, "
                + "epsilon, clipNorm, weightDecay, embeddings; did you mean 'learningRate'?", e.getMessage());
        assertEquals("optimizer", e.keyPath());
    }

    @Test
    void shouldNotGuessWhenNoAllowedKeyIsClose() {
        SpecException e = assertThrows(SpecException.class, () -> SpecText.base()
                .with("batch", "batch: {parallelism: 4}").parse());

        assertEquals("test.yaml: unknown key 'parallelism' in batch; allowed: size, maxWaitMs", e.getMessage());
    }

    private static Arguments broken(SpecText spec, String expected, String... alsoExpected) {
        return Arguments.of(spec, expected, List.of(alsoExpected));
    }
}

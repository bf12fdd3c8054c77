package dev.tributary.model;

import dev.tributary.optim.TaskLoss;
import dev.tributary.spec.ModelFamily;
import dev.tributary.spec.ModelSpec;
import dev.tributary.spec.TaskSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exported FLOAT graph scores like the network, survives save/load, and maps variables to blocks. */
class SameDiffExportTest {
    private static final List<TaskSpec> TASKS = OracleFixture.TASKS;

    @ParameterizedTest
    @EnumSource(ModelFamily.class)
    void shouldScoreLikeTheNetworkAndSurviveSaveAndLoad(ModelFamily family, @TempDir Path dir) {
        ModelSpec spec = OracleFixture.spec(family, 1.7);
        OracleFixture f = OracleFixture.create(spec, 21, 40);
        SameDiffExport export = SameDiffExport.build(spec, OracleFixture.SHAPE, TASKS, f.params, DataType.FLOAT);
        Map<String, INDArray> in = export.inputs(f.batch);
        String[] scores = TASKS.stream().map(t -> SameDiffExport.scoreOutput(t.name())).toArray(String[]::new);
        Map<String, INDArray> graph = export.sameDiff().output(in, scores);

        MultiTaskNetwork net = Networks.create(spec, OracleFixture.SHAPE, TASKS);
        net.forward(f.params, f.batch, false, null);
        for (int t = 0; t < TASKS.size(); t++) {
            TaskSpec task = TASKS.get(t);
            TaskLoss loss = TaskLoss.forKind(task.kind(), task.classes().size());
            float[] actual = graph.get(scores[t]).dup('c').data().asFloat();
            assertEquals(f.batch.rows() * task.outputs(), actual.length, task.name() + " score size");
            double[] expected = new double[task.outputs()];
            for (int r = 0; r < f.batch.rows(); r++) {
                if (f.batch.task[r] != t) {
                    continue; // the network computes a row's outputs for its own task only
                }
                loss.score(net.output(t), r, expected);
                for (int c = 0; c < expected.length; c++) {
                    assertEquals(expected[c], actual[r * expected.length + c], 1e-5,
                            family + " " + task.name() + " score of row " + r);
                }
            }
        }

        File file = dir.resolve(family + ".sd").toFile();
        export.sameDiff().save(file, false);
        SameDiff loaded = SameDiff.load(file, false);
        Map<String, INDArray> again = loaded.output(in, scores);
        for (String s : scores) {
            assertArrayEquals(graph.get(s).dup('c').data().asFloat(), again.get(s).dup('c').data().asFloat(),
                    s + " after save and load");
        }
    }

    @Test
    void shouldGiveTheSameValuesWithGatherAndOneHotLookups() {
        ModelSpec spec = OracleFixture.spec(ModelFamily.SOFT_SHARING, 1.0);
        OracleFixture f = OracleFixture.create(spec, 5, 40);
        SameDiffExport gather = SameDiffExport.build(spec, OracleFixture.SHAPE, TASKS, f.params, DataType.DOUBLE,
                SameDiffExport.Lookup.GATHER);
        SameDiffExport oneHot = SameDiffExport.build(spec, OracleFixture.SHAPE, TASKS, f.params, DataType.DOUBLE,
                SameDiffExport.Lookup.ONE_HOT);
        for (TaskSpec t : TASKS) {
            String raw = SameDiffExport.rawOutput(t.name());
            assertArrayEquals(gather.sameDiff().outputSingle(gather.inputs(f.batch), raw).data().asDouble(),
                    oneHot.sameDiff().outputSingle(oneHot.inputs(f.batch), raw).data().asDouble(), raw);
        }
    }

    @Test
    void shouldMapEveryParameterBlockToOneVariableOfTheSameSize() {
        ModelSpec spec = OracleFixture.spec(ModelFamily.PLE, 1.0);
        OracleFixture f = OracleFixture.create(spec, 5, 9);
        SameDiffExport export = SameDiffExport.build(spec, OracleFixture.SHAPE, TASKS, f.params, DataType.FLOAT);
        for (ParamLayout.Block b : export.layout().blocks()) {
            SDVariable v = export.sameDiff().getVariable(b.name());
            assertEquals(b, export.parameterBlock(v).orElseThrow(), b.name());
            INDArray arr = v.getArr();
            assertEquals(b.size(), arr.length(), b.name());
            assertEquals(f.params[b.offset() + b.size() - 1], arr.getFloat(b.size() - 1), 0f, b.name());
        }
        assertEquals(export.layout().blocks().size(), export.parameters().size());
        assertTrue(export.parameterBlock(SameDiffExport.scoreOutput("click")).isEmpty());
        assertTrue(export.parameterBlock(SameDiffExport.NUMERIC_INPUT).isEmpty());
        Map<String, INDArray> arrays = new java.util.HashMap<>();
        export.parameters().keySet().forEach(n -> arrays.put(n, export.sameDiff().getVariable(n).getArr()));
        double[] flat = export.toFlat(arrays);
        for (int i = 0; i < flat.length; i++) {
            assertEquals(f.params[i], flat[i], 0.0, "flat parameter " + i);
        }
    }

    @Test
    void shouldRefuseParametersOfTheWrongSizeAndNonFloatTypes() {
        ModelSpec spec = OracleFixture.spec(ModelFamily.MMOE, 1.0);
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> SameDiffExport.build(spec, OracleFixture.SHAPE, TASKS, new float[3], DataType.FLOAT));
        assertTrue(size.getMessage().contains("params has 3 floats"), size.getMessage());
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> SameDiffExport.build(spec, OracleFixture.SHAPE, TASKS, new float[3], DataType.INT));
        assertTrue(type.getMessage().contains("INT"), type.getMessage());
    }
}

package dev.tributary.data;

import dev.tributary.spec.DatasetSpec;
import dev.tributary.spec.FeatureSpec;
import dev.tributary.spec.FeatureType;
import dev.tributary.spec.SpecLoader;
import dev.tributary.spec.TopologySpec;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.tributary.data.Fixtures.adult;
import static dev.tributary.data.Fixtures.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link DatasetReader#open(TopologySpec, dev.tributary.spec.DataFile)} refuses a topology that does not
 * fit its data, naming both sides, instead of silently learning without a feature or reporting AUC NaN.
 */
class DatasetCheckTest {
    static final TopologySpec ADULT = SpecLoader.load(Path.of("topology/adult.yaml"));

    static TopologySpec with(List<FeatureSpec> features, DatasetSpec dataset) {
        TopologySpec s = ADULT;
        return new TopologySpec(s.name(), s.seed(), s.tasks(), features, s.model(), s.optimizer(), s.weighting(),
                s.sampler(), s.batch(), dataset, s.synthetic(), s.monitoring());
    }

    static List<FeatureSpec> featuresPlus(String name) {
        List<FeatureSpec> f = new ArrayList<>(ADULT.features());
        f.add(new FeatureSpec(name, FeatureType.NUMERIC, 0, 0));
        return f;
    }

    @Test
    void shouldOpenATopologyThatFitsItsData() {
        try (DatasetReader r = DatasetReader.open(with(ADULT.features(), adult(">50K")), file("adult-20.csv"))) {
            int n = 0;
            while (r.hasNext()) {
                r.next();
                n++;
            }
            assertEquals(40, n, "the check's scan does not consume the reader's rows");
        }
    }

    @Test
    void shouldRefuseADeclaredFeatureThatIsNoColumnNamingItAndTheColumns() {
        DatasetException e = assertThrows(DatasetException.class, () ->
                DatasetReader.open(with(featuresPlus("hours_per_week"), adult(">50K")), file("adult-20.csv")));
        assertTrue(e.getMessage().contains("'hours_per_week' is not a column of data file adult-20.csv"), e.getMessage());
        assertTrue(e.getMessage().contains("hours-per-week"), "lists the columns: " + e.getMessage());
    }

    @Test
    void shouldRefuseALabelColumnDeclaredAsAFeature() {
        DatasetException e = assertThrows(DatasetException.class, () ->
                DatasetReader.open(with(featuresPlus("marital-status"), adult(">50K")), file("adult-20.csv")));
        assertTrue(e.getMessage().contains("'marital-status' is the label column of task 'marital'"), e.getMessage());
    }

    @Test
    void shouldRefuseAPositiveValueThatMatchesNoLabelNamingTheValuesSeen() {
        // adult.test spells it ">50K." and adult.data ">50K": the test file's spelling on the training file.
        DatasetException e = assertThrows(DatasetException.class, () ->
                DatasetReader.open(with(ADULT.features(), adult(">50K.")), file("adult-20.csv")));
        assertTrue(e.getMessage().contains("task 'income': none of the 20 labels in the first 20 rows of adult-20.csv"
                + " is a positive value [>50K.] of column 'income'"), e.getMessage());
        assertTrue(e.getMessage().contains("values seen there: [<=50K, >50K]"), e.getMessage());
    }
}

package dev.tributary.data;

import dev.tributary.spec.DataFile;
import dev.tributary.spec.DatasetSpec;
import dev.tributary.spec.FeatureSpec;
import dev.tributary.spec.FeatureType;
import dev.tributary.spec.InvalidFieldException;
import dev.tributary.spec.SpecLoader;
import dev.tributary.spec.TopologySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
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

    /** With a header line, the columns are known only once the file is read. */
    @Test
    void shouldRefuseADeclaredFeatureThatIsNoColumnNamingItAndTheColumns(@TempDir Path dir) throws Exception {
        Path withHeader = dir.resolve("adult-header.csv");
        Files.writeString(withHeader, String.join(",", Fixtures.ADULT_COLUMNS) + "\n"
                + Files.readString(Fixtures.resource("adult-20.csv")));
        DatasetSpec a = adult(">50K");
        DatasetSpec headed = new DatasetSpec(a.format(), null, null, true, List.of(), a.delimiter(), a.missing(),
                a.labels(), a.exclude(), null);
        DatasetException e = assertThrows(DatasetException.class, () ->
                DatasetReader.open(with(featuresPlus("hours_per_week"), headed), new DataFile(withHeader, 0)));
        assertTrue(e.getMessage().contains("'hours_per_week' is not a column of data file adult-header.csv"),
                e.getMessage());
        assertTrue(e.getMessage().contains("hours-per-week"), "lists the columns: " + e.getMessage());
    }

    /** With the columns listed in the spec, the spec itself refuses it. */
    @Test
    void shouldRefuseAFeatureOutsideTheListedColumnsWhenTheSpecIsBuilt() {
        InvalidFieldException e = assertThrows(InvalidFieldException.class,
                () -> with(featuresPlus("hours_per_week"), adult(">50K")));
        assertEquals("dataset.columns must contain every declared feature, found no column 'hours_per_week'",
                e.getMessage());
    }

    @Test
    void shouldRefuseALabelColumnDeclaredAsAFeature() {
        InvalidFieldException e = assertThrows(InvalidFieldException.class,
                () -> with(featuresPlus("marital-status"), adult(">50K")));
        assertEquals("dataset.labels.marital must not use a column that is also declared as a feature (live events"
                + " do not carry other tasks' labels), found 'marital-status'", e.getMessage());
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

package dev.tributary.data;

import static dev.tributary.data.Fixtures.adult;
import static dev.tributary.data.Fixtures.adultTasks;
import static dev.tributary.data.Fixtures.file;
import static dev.tributary.data.Fixtures.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tributary.event.Event;
import dev.tributary.spec.DataFile;
import dev.tributary.spec.DataFormat;
import dev.tributary.spec.DatasetSpec;
import dev.tributary.spec.LabelSpec;
import dev.tributary.spec.TaskKind;
import dev.tributary.spec.TaskSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DatasetReaderTest {

    private static List<Event> readAll(DatasetReader reader) {
        List<Event> events = new ArrayList<>();
        reader.forEachRemaining(events::add);
        return events;
    }

    private static long positives(List<Event> events, String task) {
        return events.stream().filter(e -> e.task().equals(task) && e.label().equals(1.0)).count();
    }

    @Test
    void shouldYieldOneEventPerTaskPerRowInTaskOrder() {
        try (DatasetReader reader = DatasetReader.open(adultTasks(), adult(">50K"), file("adult-20.csv"))) {
            List<Event> events = readAll(reader);
            assertEquals(40, events.size());
            for (int row = 0; row < 20; row++) {
                Event income = events.get(2 * row);
                Event marital = events.get(2 * row + 1);
                assertEquals("income", income.task());
                assertEquals("marital", marital.task());
                assertEquals("adult-20.csv:" + (row + 1), income.id());
                assertEquals(income.id(), marital.id());
                assertEquals(row, income.timestamp());
                assertEquals(row, marital.timestamp());
            }
            // counted on the fixture with awk: 7 rows >50K, 6 Never-married
            assertEquals(7, positives(events, "income"));
            assertEquals(6, positives(events, "marital"));
            assertEquals(20, reader.rows());
            assertEquals(0, reader.badRows());
        }
    }

    @Test
    void shouldKeepEveryColumnButLabelColumnsAndExclusionsAsFeatures() {
        try (DatasetReader reader = DatasetReader.open(adultTasks(), adult(">50K"), file("adult-20.csv"))) {
            Event income = reader.next();
            Event marital = reader.next();
            Set<String> incomeFeatures = new HashSet<>(Fixtures.ADULT_COLUMNS);
            incomeFeatures.removeAll(Set.of("income", "marital-status"));
            assertEquals(incomeFeatures, income.features().keySet(), "no task's label is any task's feature");
            Set<String> maritalFeatures = new HashSet<>(Fixtures.ADULT_COLUMNS);
            maritalFeatures.removeAll(Set.of("income", "marital-status", "relationship"));
            assertEquals(maritalFeatures, marital.features().keySet());
            assertEquals(39.0, income.features().get("age"));
            assertEquals("State-gov", income.features().get("workclass"));
            assertFalse(income.features().containsKey("marital-status"));
            assertEquals(0.0, income.label());
            assertEquals(1.0, marital.label());
        }
    }

    @Test
    void shouldMapMissingFieldsToNullFeatures() {
        try (DatasetReader reader = DatasetReader.open(adultTasks(), adult(">50K"), file("adult-20.csv"))) {
            Event row15 = reader.stream().filter(e -> e.id().equals("adult-20.csv:15")).findFirst().orElseThrow();
            assertTrue(row15.features().containsKey("native-country"));
            assertNull(row15.features().get("native-country"));
            assertEquals(1.0, row15.label());
        }
    }

    @Test
    void shouldReadGzippedFileExactlyAsThePlainOne() {
        List<Event> plain;
        List<Event> gzipped;
        try (DatasetReader reader = DatasetReader.open(adultTasks(), adult(">50K"), file("adult-20.csv"))) {
            plain = readAll(reader);
        }
        try (DatasetReader reader = DatasetReader.open(adultTasks(), adult(">50K"), file("adult-20.csv.gz"))) {
            gzipped = readAll(reader);
        }
        assertEquals(plain.size(), gzipped.size());
        for (int i = 0; i < plain.size(); i++) {
            Event p = plain.get(i);
            Event g = gzipped.get(i);
            assertEquals(p.id().replace("adult-20.csv", "adult-20.csv.gz"), g.id());
            assertEquals(p.features(), g.features());
            assertEquals(p.label(), g.label());
            assertEquals(p.timestamp(), g.timestamp());
        }
    }

    @Test
    void shouldSkipTheAddedHeaderLineOfAdultTestAndIgnoreTheTrailingBlankLine() {
        DataFile test = new DataFile(Fixtures.resource("adult-test-5.csv"), 1);
        try (DatasetReader reader = DatasetReader.open(adultTasks(), adult(">50K."), test)) {
            List<Event> events = readAll(reader);
            assertEquals(10, events.size());
            assertEquals("adult-test-5.csv:2", events.get(0).id());
            assertEquals(25.0, events.get(0).features().get("age"));
            assertEquals(2, positives(events, "income"));
            assertEquals(2, positives(events, "marital"));
            assertEquals(5, reader.rows());
            assertEquals(0, reader.badRows(), () -> reader.firstErrors().toString());
        }
    }

    private static DatasetSpec quirks(String timestamp) {
        return new DatasetSpec(DataFormat.CSV, null, null, true, List.of(), ",", Set.of("NA", ""),
                Map.of("pm25", new LabelSpec("PM2.5", Set.of()),
                        "north", new LabelSpec("wd", Set.of("N", "NNW", "NW", "NNE"))),
                Map.of("pm25", List.of("No")), timestamp);
    }

    private static List<TaskSpec> quirkTasks() {
        return List.of(task("pm25", TaskKind.REGRESSION), task("north", TaskKind.BINARY));
    }

    @Test
    void shouldHandleBomCrlfQuotesAndMissingValues() {
        try (DatasetReader reader = DatasetReader.open(quirkTasks(), quirks(null), file("quirks.csv"))) {
            List<Event> events = readAll(reader);
            assertEquals(List.of("pm25@2", "north@2", "pm25@3", "north@3", "north@4", "pm25@5", "north@5",
                    "pm25@8", "north@8"), events.stream().map(e -> e.task() + "@" + e.id().split(":")[1])
                    .collect(Collectors.toList()));
            Event first = events.get(0);
            assertEquals(4.0, first.label());
            assertEquals(Set.of("TEMP", "station", "note"), first.features().keySet(),
                    "wd labels the north task, so it is no feature");
            assertEquals(1.0, events.get(1).label());
            assertEquals(1.0, events.get(1).features().get("No"));
            assertFalse(events.get(1).features().containsKey("PM2.5"), "PM2.5 labels the pm25 task");
            Event trimmed = events.get(2);
            assertEquals(8.0, trimmed.label());
            assertEquals(-1.1, trimmed.features().get("TEMP"));
            assertEquals("a, b", trimmed.features().get("note"));
            assertEquals("say \"hi\"", events.get(4).features().get("note"));
            assertNull(events.get(4).features().get("PM2.5"));
            Event missing = events.get(5);
            assertNull(missing.features().get("TEMP"));
            assertNull(missing.features().get("note"));
            assertEquals(0.0, events.get(6).label());
            assertEquals(1000.0, events.get(7).features().get("note"));
            assertEquals(List.of(0L, 0L, 1L, 1L, 2L, 3L, 3L, 6L, 6L),
                    events.stream().map(Event::timestamp).collect(Collectors.toList()));
        }
    }

    @Test
    void shouldCountAndSkipBadRowsWithTheirReasons() {
        try (DatasetReader reader = DatasetReader.open(quirkTasks(), quirks(null), file("quirks.csv"))) {
            readAll(reader);
            assertEquals(7, reader.rows());
            assertEquals(2, reader.badRows());
            List<String> errors = reader.firstErrors();
            assertEquals("quirks.csv:6: expected 6 fields, found 4", errors.get(0));
            assertTrue(errors.get(1).startsWith("quirks.csv:7: label 'lots' of task 'pm25' (column 'PM2.5')"),
                    errors.get(1));
            assertEquals(Map.of("pm25", 1L, "north", 0L), reader.missingLabels());
        }
    }

    @Test
    void shouldTakeTimestampsFromTheTimestampColumn() {
        try (DatasetReader reader = DatasetReader.open(quirkTasks(), quirks("No"), file("quirks.csv"))) {
            assertEquals(List.of(1L, 1L, 2L, 2L, 3L, 4L, 4L, 7L, 7L),
                    reader.stream().map(Event::timestamp).collect(Collectors.toList()));
        }
    }

    @Test
    void shouldReadJsonLinesKeepingJsonTypes() {
        DatasetSpec jsonl = new DatasetSpec(DataFormat.JSONL, null, null, false, List.of(), ",", Set.of("NA"),
                Map.of("click", new LabelSpec("clicked", Set.of()), "spend", new LabelSpec("spend", Set.of())),
                Map.of("click", List.of("id"), "spend", List.of("id")), null);
        List<TaskSpec> tasks = List.of(task("click", TaskKind.BINARY), task("spend", TaskKind.REGRESSION));
        try (DatasetReader reader = DatasetReader.open(tasks, jsonl, file("events-10.jsonl"))) {
            List<Event> events = readAll(reader);
            assertEquals(11, events.size());
            assertEquals(10, reader.rows());
            assertEquals(4, reader.badRows());
            assertEquals(Map.of("click", 0L, "spend", 1L), reader.missingLabels());
            Event first = events.get(0);
            assertEquals("events-10.jsonl:1", first.id());
            assertEquals(Map.of("age", 39.0, "city", "Oslo"), first.features());
            assertEquals(1.0, first.label());
            assertEquals(12.5, events.get(1).label());
            assertNull(events.get(2).features().get("age"));
            assertEquals("click", events.get(4).task());
            assertNull(events.get(4).features().get("city"));
            Event zip = events.get(7);
            assertEquals("events-10.jsonl:9", zip.id());
            assertEquals("00501", zip.features().get("zip"));
            assertEquals(1.0, events.get(9).label());
            assertEquals(100.0, events.get(10).label());
            List<String> errors = reader.firstErrors();
            assertTrue(errors.get(0).startsWith("events-10.jsonl:4: label 'yes' of task 'click'"), errors.get(0));
            assertTrue(errors.get(1).startsWith("events-10.jsonl:5: not valid JSON"), errors.get(1));
            assertEquals("events-10.jsonl:6: column 'tags' holds a nested JSON value", errors.get(2));
            assertEquals("events-10.jsonl:7: not a JSON object", errors.get(3));
        }
    }

    @Test
    void shouldGiveMulticlassLabelsAsClassNamesAndRefuseUnknownClasses() {
        TaskSpec race = new TaskSpec("race", TaskKind.MULTICLASS,
                List.of("White", "Black", "Asian-Pac-Islander", "Other"), "race.events", false);
        DatasetSpec spec = new DatasetSpec(DataFormat.CSV, null, null, false, Fixtures.ADULT_COLUMNS, ",",
                Set.of("?"), Map.of("race", new LabelSpec("race", Set.of())), Map.of(), null);
        try (DatasetReader reader = DatasetReader.open(List.of(race), spec, file("adult-20.csv"))) {
            List<Event> events = readAll(reader);
            assertEquals(19, events.size());
            assertEquals("White", events.get(0).label());
            assertEquals(1, reader.badRows());
            assertTrue(reader.firstErrors().get(0).startsWith("adult-20.csv:16: label 'Amer-Indian-Eskimo'"),
                    reader.firstErrors().get(0));
        }
    }

    @Test
    void shouldRefuseAMissingFileNamingIt() {
        DataFile missing = new DataFile(Path.of("no/such/adult.data.gz"), 0);
        DatasetException e = assertThrows(DatasetException.class,
                () -> DatasetReader.open(adultTasks(), adult(">50K"), missing));
        assertTrue(e.getMessage().contains("no/such/adult.data.gz"), e.getMessage());
    }

    @Test
    void shouldRefuseAHeaderThatLacksALabelColumnNamingFileAndColumn() {
        DatasetSpec spec = new DatasetSpec(DataFormat.CSV, null, null, true, List.of(), ",", Set.of("NA"),
                Map.of("pm10", new LabelSpec("PM10", Set.of())), Map.of(), null);
        DatasetException e = assertThrows(DatasetException.class,
                () -> DatasetReader.open(List.of(task("pm10", TaskKind.REGRESSION)), spec, file("quirks.csv")));
        assertTrue(e.getMessage().contains("quirks.csv"), e.getMessage());
        assertTrue(e.getMessage().contains("'PM10'"), e.getMessage());
    }

    @Test
    void shouldRefuseLabelsForAnUnknownTask() {
        DatasetException e = assertThrows(DatasetException.class,
                () -> DatasetReader.open(List.of(task("income", TaskKind.BINARY)), adult(">50K"), file("adult-20.csv")));
        assertTrue(e.getMessage().contains("'marital'"), e.getMessage());
    }

    @Test
    void shouldStopYieldingOnceClosed() {
        DatasetReader reader = DatasetReader.open(adultTasks(), adult(">50K"), file("adult-20.csv"));
        try (var events = reader.stream()) {
            assertEquals(3, events.limit(3).count());
        }
        assertFalse(reader.hasNext());
    }

    @Test
    void shouldReadTheFullAdultDataWithTheReadmeCounts() {
        assertSharedAdultCounts("adult.data.gz", 0, ">50K", 32_561, 7_841, 10_683);
    }

    @Test
    void shouldReadTheFullAdultTestSetWithTheReadmeCounts() {
        assertSharedAdultCounts("adult.test.gz", 1, ">50K.", 16_281, 3_846, 5_434);
    }

    /** Reads a file of the shared data folder, when it is there, and checks the counts its README gives. */
    private static void assertSharedAdultCounts(String name, int skip, String positive, long rows, long incomes,
                                                long neverMarried) {
        Path data = Path.of("/work/shared/data", name);
        org.junit.jupiter.api.Assumptions.assumeTrue(data.toFile().isFile(), "shared adult data not present");
        try (DatasetReader reader = DatasetReader.open(adultTasks(), adult(positive), new DataFile(data, skip))) {
            long[] counts = new long[3];
            reader.forEachRemaining(e -> {
                counts[0]++;
                if (e.label().equals(1.0)) {
                    counts[e.task().equals("income") ? 1 : 2]++;
                }
            });
            assertEquals(rows, reader.rows());
            assertEquals(0, reader.badRows(), () -> reader.firstErrors().toString());
            assertEquals(2 * rows, counts[0]);
            assertEquals(incomes, counts[1]);
            assertEquals(neverMarried, counts[2]);
        }
    }
}

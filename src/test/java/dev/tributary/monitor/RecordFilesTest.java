package dev.tributary.monitor;

import dev.tributary.records.MonitorRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Writing and reading JSON Lines recordings, plain and gzip, with malformed lines named by number. */
class RecordFilesTest {
    static final Path RECORDING = Path.of("src/test/resources/dev/tributary/monitor/synthetic-flip.jsonl.gz");

    @TempDir
    Path dir;

    @Test
    void shouldReadTheCommittedRecordingCompletely() {
        List<MonitorRecord> records = new ArrayList<>();
        RecordFiles.Result r = RecordFiles.read(RECORDING, records::add);
        assertEquals(new RecordFiles.Result(723, 723, 0, List.of()), r);
        assertEquals(720, records.stream().filter(x -> x instanceof MonitorRecord.Metrics).count());
        assertEquals(3, records.stream().filter(x -> x instanceof MonitorRecord.Drift).count());
    }

    @Test
    void shouldRoundTripRecordsThroughAGzipRecordingKeepingEachOnOneLine() {
        Path file = dir.resolve("sub/rec.jsonl.gz");
        try (RecordWriter w = RecordFiles.create(file)) {
            w.write("{\"type\":\"drift\",\"task\":\"t1\",\"model_version\":3}".getBytes(StandardCharsets.UTF_8));
            w.write("{\"type\":\"other\",\n \"x\": 1}".getBytes(StandardCharsets.UTF_8));
            assertEquals(2, w.written());
        }
        List<MonitorRecord> records = new ArrayList<>();
        RecordFiles.Result r = RecordFiles.read(file, records::add);
        assertEquals(2, r.lines(), "the record's own line break became a space");
        assertEquals(2, r.records());
        assertEquals("t1", assertInstanceOf(MonitorRecord.Drift.class, records.get(0)).task());
        assertEquals(new MonitorRecord.Other("other"), records.get(1));
    }

    @Test
    void shouldRecogniseGzipByItsContentAndPlainTextByItsAbsence() throws IOException {
        Path gz = dir.resolve("a.jsonl.gz");
        try (RecordWriter w = RecordFiles.create(gz)) {
            w.write("{\"type\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        }
        Path renamed = Files.move(gz, dir.resolve("a.jsonl"));
        assertEquals(1, RecordFiles.read(renamed, r -> { }).records());
        Path plain = Files.writeString(dir.resolve("b.jsonl.gz"), "{\"type\":\"x\"}\n");
        assertEquals(1, RecordFiles.read(plain, r -> { }).records());
    }

    @Test
    void shouldCountAndNameMalformedLinesByNumberAndSkipBlankOnes() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.jsonl"), String.join("\n",
                "{\"type\":\"drift\",\"task\":\"t1\",\"model_version\":3}",
                "",
                "{\"type\":\"drift\",",
                "{\"type\":\"task_metrics\",\"ts\":1,\"model_version\":1}",
                "{\"type\":\"drift\",\"task\":\"t2\",\"model_version\":4}") + "\n");
        List<MonitorRecord> records = new ArrayList<>();
        RecordFiles.Result r = RecordFiles.read(file, records::add);
        assertEquals(4, r.lines());
        assertEquals(2, r.records());
        assertEquals(2, r.malformed());
        assertEquals(2, r.errors().size());
        assertTrue(r.errors().get(0).startsWith(file + ":3: not JSON"), r.errors().get(0));
        assertEquals(file + ":4: task_metrics record has no 'task'", r.errors().get(1));
        assertEquals(2, records.size());
    }

    @Test
    void shouldKeepWhatIsReadableOfAGzipRecordingThatWasNotClosed() throws IOException {
        Path full = dir.resolve("full.jsonl.gz");
        try (RecordWriter w = RecordFiles.create(full)) {
            for (int i = 0; i < 200; i++) {
                w.write(("{\"type\":\"drift\",\"task\":\"t" + i + "\",\"model_version\":" + i + "}")
                        .getBytes(StandardCharsets.UTF_8));
                if (i == 99) {
                    w.flush();
                }
            }
        }
        byte[] bytes = Files.readAllBytes(full);
        Path cut = Files.write(dir.resolve("cut.jsonl.gz"), Arrays.copyOf(bytes, bytes.length - 30));
        List<MonitorRecord> records = new ArrayList<>();
        RecordFiles.Result r = RecordFiles.read(cut, records::add);
        assertTrue(records.size() >= 100, "at least what was flushed: " + records.size());
        assertTrue(r.errors().stream().anyMatch(e -> e.contains("the gzip stream ends early")), r.errors().toString());
    }

    @Test
    void shouldRefuseAMissingFileByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RecordFiles.read(dir.resolve("nope.jsonl"), r -> { }));
        assertEquals("no such file: " + dir.resolve("nope.jsonl"), e.getMessage());
    }
}

package dev.tributary.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tributary report} from recordings: the PNGs have real content, the index shows each one, bad input is named. */
class ReportCommandTest {
    static final Path RECORDING = Path.of("src/test/resources/dev/tributary/monitor/synthetic-flip.jsonl.gz");
    /** Colours the charts use: the windowed metric's line, the first drift signal's marker. */
    static final int WINDOW_BLUE = 0x1f77b4;
    static final int DRIFT_RED = 0xd62728;

    @TempDir
    static Path out;

    static String stdout;

    @BeforeAll
    static void reportTheRecording() {
        Result r = run("report", "--from", RECORDING.toString(), "--out", out.toString());
        assertEquals(0, r.code, r.err);
        stdout = r.out;
    }

    @Test
    void shouldChartEachTasksMetricAndExpertsWithRealContent() throws IOException {
        for (String name : List.of("metric-t1.png", "metric-t2.png", "metric-t3.png", "experts-t1.png",
                "experts-t2.png", "experts-t3.png")) {
            Path png = out.resolve(name);
            assertTrue(Files.size(png) > 10_000, name + " is " + Files.size(png) + " bytes");
            BufferedImage img = ImageIO.read(png.toFile());
            assertNotNull(img, name + " decodes as an image");
            assertEquals(900, img.getWidth(), name);
            assertTrue(distinctColours(img) >= 30, name + " has " + distinctColours(img) + " colours");
            assertTrue(luminanceStdDev(img) > 15, name + " luminance sd " + luminanceStdDev(img));
            assertTrue(stdout.contains(name), stdout);
        }
        assertFalse(Files.exists(out.resolve("affinity.png")), "the recording has no affinity records");
    }

    @Test
    void shouldMarkDriftOnlyOnTheChartOfTheTaskThatDrifted() throws IOException {
        BufferedImage t1 = ImageIO.read(out.resolve("metric-t1.png").toFile());
        BufferedImage t2 = ImageIO.read(out.resolve("metric-t2.png").toFile());
        assertTrue(count(t1, WINDOW_BLUE) > 500, "t1's metric line is drawn");
        assertTrue(count(t2, WINDOW_BLUE) > 500, "t2's metric line is drawn");
        assertTrue(count(t1, DRIFT_RED) > 20, "t1 drifted at the flip: its markers are drawn");
        assertEquals(0, count(t2, DRIFT_RED), "t2 had no drift alerts");
    }

    @Test
    void shouldWriteAnIndexThatShowsEveryChartWithACaption() throws IOException {
        String html = Files.readString(out.resolve("index.html"));
        Set<String> shown = new HashSet<>();
        Matcher m = Pattern.compile("<img src=\"([^\"]+)\"").matcher(html);
        while (m.find()) {
            shown.add(m.group(1));
            assertTrue(Files.exists(out.resolve(m.group(1))), "the index shows an existing file: " + m.group(1));
        }
        Set<String> written = new HashSet<>();
        try (var files = Files.list(out)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png")).forEach(written::add);
        }
        assertEquals(written, shown, "every PNG is on the page, once");
        assertEquals(6, Pattern.compile("<figcaption>").matcher(html).results().count());
        assertTrue(html.contains("3 drift alerts (loss/page-hinkley at model version 1126"), html);
        assertTrue(html.contains("<td>t3</td><td>regression</td><td>24,000</td>"), html);
    }

    @Test
    void shouldChartAffinityIgnoreUnknownTypesAndNameMalformedLines(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("crafted.jsonl"), String.join("\n",
                metrics("a", 1, 100, 0.61), metrics("a", 2, 200, 0.55), metrics("a", 3, 300, 0.72),
                "{\"type\":\"task_metrics\",\"task\":",
                "{\"type\":\"buffer_depths\",\"a\":3}",
                "{\"type\":\"task_affinity\",\"ts\":1,\"model_version\":3,\"tasks\":[\"a\",\"b\"],"
                        + "\"matrix\":[[0.0,0.004],[-0.002,0.0]],\"samples\":9}") + "\n");
        Path dest = dir.resolve("report");
        Result r = run("report", "--from", file.toString(), "--out", dest.toString());
        assertEquals(0, r.code, r.err);
        assertTrue(r.err.contains("1 malformed record skipped, e.g. " + file + ":4: not JSON"), r.err);
        BufferedImage affinity = ImageIO.read(dest.resolve("affinity.png").toFile());
        assertNotNull(affinity);
        assertTrue(count(affinity, p -> blue(p) - red(p) > 60) > 1000, "a positive affinity is drawn blue");
        assertTrue(count(affinity, p -> red(p) - blue(p) > 40 && red(p) - green(p) > 40) > 1000,
                "a negative affinity is drawn red");
        assertTrue(Files.exists(dest.resolve("metric-a.png")));
        assertFalse(Files.exists(dest.resolve("experts-a.png")), "no gate shares, no expert chart");
        String html = Files.readString(dest.resolve("index.html"));
        assertTrue(html.contains("<img src=\"affinity.png\""), html);
        assertTrue(html.contains("ignored records of unknown type: {buffer_depths=1}"), html);
        assertTrue(html.contains("1 malformed record skipped"), html);
        assertTrue(html.contains("<td>a</td><td>multiclass</td>"), html);
    }

    @Test
    void shouldRefuseAMissingFileAndSayHowToReadATopic() {
        Result r = run("report", "--from", "nope.jsonl", "--out", "target/never");
        assertEquals(2, r.code);
        assertEquals("error: --from nope.jsonl: no such file; to read a topic, give --bootstrap HOST:PORT or --config"
                + " FILE", r.err.strip());
    }

    @Test
    void shouldSayThereAreNoRecordsWhenEveryLineIsMalformed(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("junk.jsonl"), "hello\n{\"no\":\"type\"}\n");
        Result r = run("report", "--from", file.toString(), "--out", dir.resolve("r").toString());
        assertEquals(2, r.code);
        assertTrue(r.err.contains("error: no monitoring records in " + file + " (0 records); 2 malformed records"
                + " skipped, e.g. " + file + ":1: not JSON"), r.err);
        assertTrue(r.err.contains(file + ":2: no 'type' field"), r.err);
        assertFalse(Files.exists(dir.resolve("r")), "nothing written");
    }

    @Test
    void shouldSayThereAreNoRecordsInAnEmptyFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("empty.jsonl"), "\n");
        Result r = run("report", "--from", file.toString(), "--out", dir.resolve("r").toString());
        assertEquals(2, r.code);
        assertEquals("error: no monitoring records in " + file + " (0 records)", r.err.strip());
    }

    @Test
    void shouldAskForASourceWhenGivenNone() {
        Result r = run("report", "--out", "target/never");
        assertEquals(2, r.code);
        assertTrue(r.err.contains("nothing to read: give --from FILE (a recording), or --bootstrap HOST:PORT"), r.err);
    }

    static String metrics(String task, long version, long consumed, double accuracy) {
        return "{\"type\":\"task_metrics\",\"task\":\"" + task + "\",\"kind\":\"multiclass\",\"ts\":" + version * 1000
                + ",\"model_version\":" + version + ",\"consumed\":" + consumed + ",\"metrics\":{\"accuracy\":"
                + accuracy + ",\"accuracy_window\":" + accuracy + "}}";
    }

    record Result(int code, String out, String err) {
    }

    /** Runs the command line, capturing standard output and the error stream. */
    static Result run(String... args) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        StringWriter picocliErr = new StringWriter();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            var cl = Tributary.commandLine();
            cl.setErr(new PrintWriter(picocliErr, true));
            int code = cl.execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8) + picocliErr);
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    static int distinctColours(BufferedImage img) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                colours.add(img.getRGB(x, y) & 0xffffff);
            }
        }
        return colours.size();
    }

    static double luminanceStdDev(BufferedImage img) {
        double sum = 0;
        double sumSq = 0;
        long n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                double l = 0.299 * (rgb >> 16 & 0xff) + 0.587 * (rgb >> 8 & 0xff) + 0.114 * (rgb & 0xff);
                sum += l;
                sumSq += l * l;
                n++;
            }
        }
        double mean = sum / n;
        return Math.sqrt(sumSq / n - mean * mean);
    }

    /** Pixels of exactly this colour. */
    static long count(BufferedImage img, int rgb) {
        return count(img, p -> (p & 0xffffff) == rgb);
    }

    static long count(BufferedImage img, IntPredicate test) {
        long n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                n += test.test(img.getRGB(x, y)) ? 1 : 0;
            }
        }
        return n;
    }

    static int red(int rgb) {
        return rgb >> 16 & 0xff;
    }

    static int green(int rgb) {
        return rgb >> 8 & 0xff;
    }

    static int blue(int rgb) {
        return rgb & 0xff;
    }
}

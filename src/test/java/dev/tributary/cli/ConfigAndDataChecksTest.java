package dev.tributary.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A misspelt setting is reported (a warning, or with {@code --strict} an error) and a topology that
 * does not fit its data is refused by evaluate and produce, each naming what is wrong; all before
 * anything talks to Kafka.
 */
class ConfigAndDataChecksTest {

    static int execute(StringWriter err, String... args) {
        var cl = Tributary.commandLine();
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    static Path misspelt(Path dir) throws Exception {
        Path config = dir.resolve("app.properties");
        Files.writeString(config, "bootstrap.servers=127.0.0.1:1\nprocesing.guarantee=at_least_once\n");
        return config;
    }

    @Test
    void shouldRefuseAMisspeltKeyUnderStrictNamingTheKeyItMeant(@TempDir Path dir) throws Exception {
        Path config = misspelt(dir);
        for (String command : new String[] {"run", "topics", "produce"}) {
            StringWriter err = new StringWriter();
            int code = execute(err, command, "--topology", "topology/synthetic.yaml", "--config", config.toString(),
                    "--strict");
            assertEquals(2, code, command + ": " + err);
            assertTrue(err.toString().contains("unknown setting 'procesing.guarantee'; did you mean"
                    + " 'processing.guarantee'?"), command + ": " + err);
        }
    }

    @Test
    void shouldWarnAboutAMisspeltKeyWithoutStrict(@TempDir Path dir) throws Exception {
        Path config = misspelt(dir);
        PrintStream original = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            var p = ConfigFiles.load(config, null, false);
            assertEquals("at_least_once", p.getProperty("procesing.guarantee"), "kept: it may be an extension's key");
        } finally {
            System.setErr(original);
        }
        assertEquals("tributary: warning: " + config + ": unknown setting 'procesing.guarantee'; did you mean"
                + " 'processing.guarantee'?\n", bytes.toString(StandardCharsets.UTF_8));
    }

    /** topology/NAME.yaml with its data paths made absolute and {@code from} replaced by {@code to}. */
    static Path topology(Path dir, String name, String from, String to) throws Exception {
        String yaml = Files.readString(Path.of("topology/" + name + ".yaml"))
                .replace("../data/", Path.of("data").toAbsolutePath() + "/");
        assertTrue(yaml.contains(from), from);
        Path spec = dir.resolve(name + ".yaml");
        Files.writeString(spec, yaml.replace(from, to));
        return spec;
    }

    @Test
    void shouldRefuseAPositiveValueThatMatchesNoLabel(@TempDir Path dir) throws Exception {
        Path spec = topology(dir, "adult", "positive: [\">50K\", \">50K.\"]", "positive: [\">50k\"]");
        for (String command : new String[] {"evaluate", "produce"}) {
            StringWriter err = new StringWriter();
            int code = command.equals("evaluate") ? execute(err, command, "--topology", spec.toString(), "--quiet")
                    : execute(err, command, "--topology", spec.toString(), "--bootstrap", "127.0.0.1:1", "--quiet");
            assertEquals(2, code, command + ": " + err);
            assertTrue(err.toString().contains("task 'income': none of the"), command + ": " + err);
            assertTrue(err.toString().contains("[>50k] of column 'income'; values seen there: [<=50K, >50K]"),
                    command + ": " + err);
        }
    }

    @Test
    void shouldRefuseADeclaredFeatureThatIsNoColumnOfTheFilesHeader(@TempDir Path dir) throws Exception {
        // The columns come from the file's header line, so only the file can say the feature is missing.
        Path spec = topology(dir, "enb", "{name: WallArea, type: numeric}", "{name: Wallarea, type: numeric}");
        for (String command : new String[] {"evaluate", "produce"}) {
            StringWriter err = new StringWriter();
            int code = command.equals("evaluate") ? execute(err, command, "--topology", spec.toString(), "--quiet")
                    : execute(err, command, "--topology", spec.toString(), "--bootstrap", "127.0.0.1:1", "--quiet");
            assertEquals(2, code, command + ": " + err);
            assertTrue(err.toString().contains("topology feature 'Wallarea' is not a column of data file"
                    + " ENB2012_data.csv"), command + ": " + err);
            assertTrue(err.toString().contains("WallArea"), "lists the columns: " + err);
        }
    }
}

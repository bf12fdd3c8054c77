package dev.tributary.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With nothing listening at the bootstrap address, every command that talks to Kafka fails with a
 * message naming the address and a non-zero exit, within the probe's 10 s (before: 61 s of silence,
 * or a hang for ever with {@code run --no-create-topics}).
 */
class UnreachableBrokerTest {

    /** A loopback port that nothing listens on: bound, then closed. */
    static String deadAddress() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return "127.0.0.1:" + s.getLocalPort();
        }
    }

    record Outcome(List<String> args, int code, String err, long millis) {
    }

    static Outcome run(List<String> args) {
        StringWriter err = new StringWriter();
        var cl = Tributary.commandLine();
        cl.setErr(new PrintWriter(err, true));
        long t0 = System.nanoTime();
        int code = cl.execute(args.toArray(new String[0]));
        return new Outcome(args, code, err.toString(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    @Test
    void shouldNameTheAddressAndExitNonZeroForEveryCommandThatTalksToKafka(@TempDir Path out) throws Exception {
        String dead = deadAddress();
        List<List<String>> commands = List.of(
                List.of("run", "--topology", "topology/synthetic.yaml", "--bootstrap", dead),
                List.of("run", "--topology", "topology/synthetic.yaml", "--bootstrap", dead, "--no-create-topics"),
                List.of("topics", "--topology", "topology/synthetic.yaml", "--bootstrap", dead),
                List.of("produce", "--topology", "topology/synthetic.yaml", "--bootstrap", dead, "--quiet"),
                List.of("watch", "--bootstrap", dead),
                List.of("report", "--bootstrap", dead, "--out", out.toString()));
        // In parallel: each waits out the probe's 10 s, and the point is each one's bound, not their sum.
        ExecutorService pool = Executors.newFixedThreadPool(commands.size());
        try {
            List<Future<Outcome>> outcomes = new ArrayList<>();
            commands.forEach(c -> outcomes.add(pool.submit(() -> run(c))));
            for (Future<Outcome> f : outcomes) {
                Outcome o = f.get(60, TimeUnit.SECONDS);
                String what = String.join(" ", o.args()) + ": " + o.err();
                assertEquals(2, o.code(), what);
                assertTrue(o.err().contains("no Kafka broker answered at " + dead), what);
                assertTrue(o.millis() < 15_000, "within 15 s: " + o.millis() + " ms, " + what);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldNameAnAddressThatDoesNotResolve() {
        Outcome o = run(List.of("topics", "--topology", "topology/synthetic.yaml", "--bootstrap",
                "no-such-host.invalid:9092"));
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("no-such-host.invalid:9092"), o.err());
    }
}

package dev.tributary.bench;

import dev.tributary.data.SyntheticRow;
import dev.tributary.data.SyntheticStream;
import dev.tributary.event.Event;
import dev.tributary.event.EventCodec;
import dev.tributary.spec.TopologySpec;
import dev.tributary.util.Rng;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The records of a soak run, in order: the synthetic generator's rows, each sent to one task drawn by
 * skewed weights (the first task {@value #SKEW}× as often as the last), one task silent for the
 * middle half of the run, and bad records mixed in at a given fraction, cycling through the kinds
 * of bad input (malformed, not an object, wrong feature type, missing features, empty; every
 * hundredth a 1,000,000-byte malformed record). Every record is keyed {@code s-<n>}, its position, so
 * that the outputs can be matched to it. Deterministic for a seed. Not thread-safe.
 */
public final class SoakStream {
    /** How many times more often the first task gets an event than the last. */
    public static final int SKEW = 100;
    /** Size of the occasional large bad record: under the broker's default 1 MB record limit. */
    static final int LARGE_BAD_BYTES = 1_000_000;

    /** One record: its topic, key, value, and whether it is a good event. */
    public record Record(String topic, byte[] key, byte[] value, boolean good, int task) {
    }

    private final TopologySpec spec;
    private final SyntheticStream rows;
    private final EventCodec codec = new EventCodec();
    private final Rng rng;
    private final long total;
    private final long badEvery;
    private final double[] weights;
    private final int silent;
    private final String[] featureNames;
    private long next;
    private long bad;

    /**
     * @param spec        a synthetic topology with at least two tasks
     * @param total       records in all
     * @param badFraction the share of bad records, in [0, 0.5]
     */
    public SoakStream(TopologySpec spec, long total, double badFraction) {
        this.spec = Objects.requireNonNull(spec, "spec");
        if (spec.synthetic() == null || spec.tasks().size() < 2) {
            throw new IllegalArgumentException("the soak needs a synthetic topology with at least two tasks; '"
                    + spec.name() + "' is not one");
        }
        if (!(badFraction >= 0 && badFraction <= 0.5)) {
            throw new IllegalArgumentException("the bad-record fraction must be in [0, 0.5], found " + badFraction);
        }
        if (total < 1) {
            throw new IllegalArgumentException("the soak needs at least one record, found " + total);
        }
        this.total = total;
        this.badEvery = badFraction == 0 ? Long.MAX_VALUE : Math.max(2, Math.round(1 / badFraction));
        // The generator is asked for as many rows as there are records; it never runs out.
        this.rows = new SyntheticStream(spec.synthetic().withEvents(total), spec.tasks(),
                spec.seed());
        this.rng = Rng.derive(spec.seed(), "soak-tasks");
        int n = spec.tasks().size();
        // Geometric from SKEW down to 1: first / last = SKEW.
        this.weights = new double[n];
        for (int t = 0; t < n; t++) {
            weights[t] = Math.pow(SKEW, (n - 1 - t) / (double) (n - 1));
        }
        this.silent = n > 2 ? 1 : n - 1;
        this.featureNames = new String[spec.synthetic().dimension()];
        for (int k = 0; k < featureNames.length; k++) {
            featureNames[k] = "x" + k;
        }
    }

    /** Task weights (relative event rates), in task order. */
    public double[] weights() {
        return weights.clone();
    }

    /** The task that is silent from a quarter to three quarters of the run. */
    public int silentTask() {
        return silent;
    }

    /** Whether the silent task is silent at record {@code n}. */
    boolean isSilent(long n) {
        return n >= total / 4 && n < total * 3 / 4;
    }

    public boolean hasNext() {
        return next < total;
    }

    /** The next record. */
    public Record next() {
        long n = next++;
        byte[] key = ("s-" + n).getBytes(StandardCharsets.UTF_8);
        int task = drawTask(n);
        SyntheticRow row = rows.nextRow();
        String topic = spec.tasks().get(task).topic();
        if ((n + 1) % badEvery == 0) {
            return new Record(topic, key, badValue("s-" + n, bad++), false, task);
        }
        Map<String, Object> features = new LinkedHashMap<>();
        for (int k = 0; k < featureNames.length; k++) {
            features.put(featureNames[k], row.x()[k]);
        }
        Event e = new Event(spec.tasks().get(task).name(), "s-" + n, System.currentTimeMillis(), features,
                row.labels()[task]);
        return new Record(topic, key, codec.encode(e), true, task);
    }

    private int drawTask(long n) {
        double sum = 0;
        for (int t = 0; t < weights.length; t++) {
            sum += t == silent && isSilent(n) ? 0 : weights[t];
        }
        double u = rng.nextDouble() * sum;
        for (int t = 0; t < weights.length; t++) {
            double w = t == silent && isSilent(n) ? 0 : weights[t];
            if (u < w) {
                return t;
            }
            u -= w;
        }
        return 0;
    }

    /** The {@code k}-th bad record's value. */
    static byte[] badValue(String id, long k) {
        if (k % 100 == 99) {
            byte[] b = new byte[LARGE_BAD_BYTES];
            Arrays.fill(b, (byte) 'x');
            byte[] head = ("{\"id\":\"" + id + "\",\"features\":{\"x0\":\"").getBytes(StandardCharsets.UTF_8);
            System.arraycopy(head, 0, b, 0, head.length);
            return b;
        }
        String text = switch ((int) (k % 5)) {
            case 0 -> "{\"id\":\"" + id + "\",\"features\":{\"x0\":";
            case 1 -> "[\"" + id + "\"]";
            case 2 -> "{\"id\":\"" + id + "\",\"features\":{\"x0\":\"high\"},\"label\":1}";
            case 3 -> "{\"id\":\"" + id + "\",\"label\":1}";
            default -> "";
        };
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Bad records so far. */
    public long bad() {
        return bad;
    }

    /** Records in all. */
    public long total() {
        return total;
    }

    /** The record number of a key written by {@link #next()}, or -1 when it is not one. */
    public static long position(byte[] key) {
        if (key == null || key.length < 3 || key[0] != 's' || key[1] != '-') {
            return -1;
        }
        long n = 0;
        for (int i = 2; i < key.length; i++) {
            int d = key[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            n = n * 10 + d;
        }
        return n;
    }

    List<String> topics() {
        return spec.tasks().stream().map(t -> t.topic()).toList();
    }
}

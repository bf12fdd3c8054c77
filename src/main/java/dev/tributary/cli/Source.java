package dev.tributary.cli;

import dev.tributary.data.DatasetReader;
import dev.tributary.data.SyntheticStream;
import dev.tributary.event.Event;
import dev.tributary.spec.DataFile;
import dev.tributary.spec.TopologySpec;

import java.nio.file.Path;
import java.util.Iterator;

/**
 * Where evaluation events come from: the spec's data set files, or its synthetic generator (the
 * test set then is the rows that follow the training rows, one fifth as many).
 */
final class Source implements AutoCloseable {
    private final Iterator<Event> events;
    private final long expected;
    private final AutoCloseable closer;

    private Source(Iterator<Event> events, long expected, AutoCloseable closer) {
        this.events = events;
        this.expected = expected;
        this.closer = closer;
    }

    Iterator<Event> events() {
        return events;
    }

    /** Events expected, or -1 when unknown. */
    long expected() {
        return expected;
    }

    static Source train(TopologySpec spec, Path override) {
        if (spec.synthetic() != null && override == null) {
            SyntheticStream s = new SyntheticStream(spec);
            long n = spec.synthetic().events() * spec.tasks().size();
            return new Source(limit(s, n), n, () -> { });
        }
        DataFile file = override != null ? new DataFile(override, 0)
                : spec.dataset() == null ? null : spec.dataset().train();
        if (file == null) {
            throw new IllegalArgumentException("topology '" + spec.name() + "' has no training data: give --train "
                    + "or a dataset.train / synthetic section");
        }
        DatasetReader reader = DatasetReader.open(spec, file);
        return new Source(reader, -1, reader);
    }

    /** The test source, or null when there is none. */
    static Source test(TopologySpec spec, Path override, int skip) {
        if (spec.synthetic() != null && override == null) {
            SyntheticStream s = new SyntheticStream(spec);
            long train = spec.synthetic().events() * spec.tasks().size();
            for (long i = 0; i < train; i++) {
                s.next();
            }
            // The generator stops after `events` rows; a fresh stream with a shifted seed would change
            // the tasks, so the test rows come from a longer stream of the same tasks.
            SyntheticStream longer = new SyntheticStream(
                    spec.synthetic().withEvents(spec.synthetic().events() * 6 / 5), spec.tasks(), spec.seed());
            for (long i = 0; i < train; i++) {
                longer.next();
            }
            return new Source(longer, train / 5, () -> { });
        }
        DataFile file = override != null ? new DataFile(override, Math.max(skip, 0))
                : spec.dataset() == null ? null : spec.dataset().test();
        if (file == null) {
            return null;
        }
        DatasetReader reader = DatasetReader.open(spec, file);
        return new Source(reader, -1, reader);
    }

    private static Iterator<Event> limit(Iterator<Event> it, long n) {
        return new Iterator<>() {
            long left = n;

            @Override
            public boolean hasNext() {
                return left > 0 && it.hasNext();
            }

            @Override
            public Event next() {
                left--;
                return it.next();
            }
        };
    }

    @Override
    public void close() throws Exception {
        closer.close();
    }
}

package dev.tributary.bench;

import dev.tributary.data.DatasetReader;
import dev.tributary.data.SyntheticStream;
import dev.tributary.event.Event;
import dev.tributary.spec.SyntheticSpec;
import dev.tributary.spec.TopologySpec;

import java.util.Iterator;
import java.util.NoSuchElementException;

/** The demo's event stream: the synthetic generator, or a data set read again and again. */
public final class DemoData {
    private DemoData() {
    }

    public static Iterator<Event> events(TopologySpec spec) {
        if (spec.synthetic() != null) {
            SyntheticSpec s = spec.synthetic();
            return new SyntheticStream(s.withEvents(Long.MAX_VALUE / 8), spec.tasks(), spec.seed());
        }
        return new Iterator<>() {
            DatasetReader reader = DatasetReader.open(spec, spec.dataset().train());

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Event next() {
                if (!reader.hasNext()) {
                    reader.close();
                    reader = DatasetReader.open(spec, spec.dataset().train());
                    if (!reader.hasNext()) {
                        throw new NoSuchElementException("the data set has no rows");
                    }
                }
                return reader.next();
            }
        };
    }
}

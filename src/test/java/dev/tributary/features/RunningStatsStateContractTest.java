package dev.tributary.features;

import dev.tributary.util.Rng;
import dev.tributary.util.StatefulContract;

import java.util.List;

/** {@link StatefulContract} for the online standardisation of one feature or target. */
class RunningStatsStateContractTest implements StatefulContract<RunningStats> {
    @Override
    public RunningStats create() {
        return new RunningStats();
    }

    @Override
    public void feed(RunningStats s, Rng rng, int steps) {
        for (int n = 0; n < steps; n++) {
            s.add(rng.nextGaussian() * 5 + 3);
        }
    }

    @Override
    public Object observe(RunningStats s) {
        return List.of(s.count(), s.mean(), s.std(), s.standardise(1.0));
    }
}

package dev.tributary.spec;

import java.util.List;
import java.util.Objects;

/**
 * The per-task drift detectors: ADWIN (Bifet &amp; Gavaldà 2007) on the error and the label,
 * Page-Hinkley (Page 1954) on the loss, a share-shift detector (fast against slow moving mean of the
 * gate's expert shares, compared by total variation) on the gate, and optionally KSWIN (Raab et al.
 * 2020) on chosen signals. See {@code docs/drift.md} for the detectors and {@code docs/monitoring.md} for
 * how the learner uses them.
 *
 * @param signals      the signals watched; {@code gate} applies to families with gates only
 * @param adwinDelta   ADWIN confidence, in (0, 1)
 * @param adwinClock   ADWIN: observations between searches for a cut, &ge; 1
 * @param phMinInstances Page-Hinkley: observations before an alarm is allowed, &ge; 1
 * @param phDelta      Page-Hinkley: tolerated increase of the mean, &ge; 0
 * @param phThreshold  Page-Hinkley: alarm level, &gt; 0
 * @param phAlpha      Page-Hinkley: fading factor, in (0, 1]
 * @param gateFast     gate: horizon in events of the fast (recent) mean of the shares, &ge; 1
 * @param gateSlow     gate: horizon in events of the slow (long-run) mean, &gt; gateFast
 * @param gateThreshold gate: total-variation distance between the two that raises an alert, in (0, 1)
 * @param kswin        KSWIN settings, or null for no KSWIN
 */
public record DriftSpec(List<DriftSignal> signals, double adwinDelta, int adwinClock, int phMinInstances,
                        double phDelta, double phThreshold, double phAlpha, int gateFast, int gateSlow,
                        double gateThreshold, Kswin kswin) {
    public DriftSpec {
        signals = Require.distinct("signals", List.copyOf(signals));
        Require.openUnit("adwin.delta", adwinDelta);
        Require.atLeast("adwin.clock", adwinClock, 1, "must be at least 1");
        Require.atLeast("pageHinkley.minInstances", phMinInstances, 1, "must be at least 1");
        Require.nonNegative("pageHinkley.delta", phDelta);
        Require.positive("pageHinkley.threshold", phThreshold);
        Require.that("pageHinkley.alpha", phAlpha, phAlpha > 0 && phAlpha <= 1, "must be in (0, 1]");
        Require.atLeast("gate.fast", gateFast, 1, "must be at least 1");
        Require.atLeast("gate.slow", gateSlow, gateFast + 1L, "must be greater than fast = " + gateFast);
        Require.openUnit("gate.threshold", gateThreshold);
    }

    /**
     * KSWIN on some of the error, loss and label signals (in addition to the other detectors).
     *
     * @param signals    the signals it watches (not {@code gate})
     * @param alpha      significance level, in (0, 1)
     * @param windowSize observations kept, &ge; 2·statSize
     * @param statSize   size of each compared sample, &ge; 1
     */
    public record Kswin(List<DriftSignal> signals, double alpha, int windowSize, int statSize) {
        public Kswin {
            signals = Require.distinct("signals", List.copyOf(Objects.requireNonNull(signals, "signals")));
            if (signals.contains(DriftSignal.GATE)) {
                throw new InvalidFieldException("signals", "may list error, loss and label (the gate is watched by"
                        + " ADWIN only)", signals);
            }
            Require.openUnit("alpha", alpha);
            Require.atLeast("statSize", statSize, 1, "must be at least 1");
            Require.atLeast("windowSize", windowSize, 2L * statSize, "must be at least 2 * statSize = " + 2 * statSize);
            if (smallestPValue(statSize) > alpha) {
                throw new InvalidFieldException("statSize", "is too small for alpha " + alpha + ": no sample of that"
                        + " size can reach a p-value of " + alpha, statSize);
            }
        }

        /** The smallest two-sided p-value of two samples of n: P(D = 1) = 2 / C(2n, n). */
        static double smallestPValue(int n) {
            double smallest = 2;
            for (int i = 1; i <= n && smallest > 0; i++) {
                smallest *= (double) i / (n + i);
            }
            return smallest;
        }
    }

    /**
     * Every signal; ADWIN delta 0.002, clock 32; Page-Hinkley 30 instances, delta 0.005, threshold 50,
     * alpha 0.9999; gate: fast 100, slow 1000, threshold 0.1; no KSWIN.
     */
    public static DriftSpec defaults() {
        return new DriftSpec(List.of(DriftSignal.values()), 0.002, 32, 30, 0.005, 50.0, 1 - 0.0001, 100, 1000, 0.1,
                null);
    }

    /** The same detector settings watching only {@code watched}. */
    public DriftSpec withSignals(List<DriftSignal> watched) {
        return new DriftSpec(watched, adwinDelta, adwinClock, phMinInstances, phDelta, phThreshold, phAlpha, gateFast,
                gateSlow, gateThreshold, kswin);
    }

    public boolean watches(DriftSignal signal) {
        return signals.contains(signal);
    }
}

package dev.tributary.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** The {@code monitoring} section: defaults, every key, named errors, and no effect on the fingerprint. */
class MonitoringSpecTest {

    @Test
    void shouldDefaultToEnabledMonitoringWithoutReactionsWhenTheSectionIsAbsent() {
        MonitoringSpec m = SpecText.base().parse().monitoring();

        assertEquals(MonitoringSpec.defaults(), m);
        assertTrue(m.enabled());
        assertEquals(1.0, m.metricsEverySeconds());
        assertEquals(0, m.metricsEveryEvents());
        assertEquals(List.of(DriftSignal.values()), m.drift().signals());
        assertEquals(0.002, m.drift().adwinDelta());
        assertEquals(50, m.affinityEveryBatches());
        assertFalse(m.reactions().any());
        assertEquals(List.of(), m.reactions().forTask("income"));
    }

    @Test
    void shouldReadEveryMonitoringKey() {
        MonitoringSpec m = SpecText.base().with("weighting", "weighting: {type: gradnorm}").with("monitoring", """
                monitoring:
                  enabled: true
                  metrics: {everySeconds: 0.5, everyEvents: 1000}
                  drift:
                    signals: [error, gate]
                    adwin: {delta: 0.001, clock: 16}
                    pageHinkley: {minInstances: 50, delta: 0.01, threshold: 25, alpha: 1}
                    gate: {fast: 50, slow: 500, threshold: 0.2}
                    kswin: {signals: [error, label], alpha: 0.01, windowSize: 200, statSize: 40}
                  affinity: {everyBatches: 10}
                  reactions:
                    signals: [error, gate]
                    cooldownBatches: 7
                    default: reanchor-gradnorm
                    tasks:
                      income: {type: boost-lr, factor: 4, batches: 30}
                      marital: [reset-tower, reanchor-gradnorm]""").parse().monitoring();

        assertEquals(0.5, m.metricsEverySeconds());
        assertEquals(1000, m.metricsEveryEvents());
        DriftSpec d = m.drift();
        assertEquals(List.of(DriftSignal.ERROR, DriftSignal.GATE), d.signals());
        assertEquals(0.001, d.adwinDelta());
        assertEquals(16, d.adwinClock());
        assertEquals(50, d.phMinInstances());
        assertEquals(0.01, d.phDelta());
        assertEquals(25, d.phThreshold());
        assertEquals(1.0, d.phAlpha());
        assertEquals(50, d.gateFast());
        assertEquals(500, d.gateSlow());
        assertEquals(0.2, d.gateThreshold());
        assertEquals(new DriftSpec.Kswin(List.of(DriftSignal.ERROR, DriftSignal.LABEL), 0.01, 200, 40), d.kswin());
        assertEquals(10, m.affinityEveryBatches());
        ReactionsSpec r = m.reactions();
        assertEquals(List.of(DriftSignal.ERROR, DriftSignal.GATE), r.signals());
        assertEquals(7, r.cooldownBatches());
        assertEquals(List.of(new ReactionSpec(ReactionType.BOOST_LR, 4, 30)), r.forTask("income"));
        assertEquals(List.of(ReactionSpec.of(ReactionType.RESET_TOWER), ReactionSpec.of(ReactionType.REANCHOR_GRADNORM)),
                r.forTask("marital"));
        assertEquals(List.of(ReactionSpec.of(ReactionType.REANCHOR_GRADNORM)), r.defaults());
    }

    @Test
    void shouldKeepSettingsButSwitchEverythingOffWhenDisabled() {
        MonitoringSpec m = SpecText.base().with("monitoring", "monitoring: {enabled: false, affinity: {everyBatches: 3}}")
                .parse().monitoring();

        assertFalse(m.enabled());
        assertEquals(3, m.affinityEveryBatches());
    }

    @Test
    void shouldNotChangeTheFingerprintWhenOnlyMonitoringChanges() {
        TopologySpec plain = SpecText.base().parse();
        TopologySpec monitored = SpecText.base().with("monitoring", """
                monitoring:
                  enabled: false
                  metrics: {everyEvents: 10}
                  drift: {signals: [loss]}
                  reactions: {signals: [loss], default: reset-tower}""").parse();

        assertNotEquals(plain.monitoring(), monitored.monitoring());
        assertEquals(plain.fingerprint(), monitored.fingerprint());
        assertEquals(plain.fingerprint(), plain.withMonitoring(MonitoringSpec.defaults().withEnabled(false))
                .fingerprint());
        assertNotEquals(plain.fingerprint(), SpecText.base().with("model", "model: {family: mmoe, experts: {count: 3,"
                + " hidden: [32]}}").parse().fingerprint(), "the model still counts");
    }

    @Test
    void shouldLoadEveryShippedSpecWithDefaultMonitoring() throws Exception {
        try (var files = Files.list(Path.of("topology"))) {
            for (Path yaml : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                assertNotNull(SpecLoader.load(yaml).monitoring(), yaml.toString());
            }
        }
    }

    static Stream<Arguments> brokenMonitoring() {
        return Stream.of(
                broken("monitoring: {enabeld: false}", "unknown key 'enabeld' in monitoring; allowed: enabled, metrics, "
                        + "drift, affinity, reactions; did you mean 'enabled'?"),
                broken("monitoring: {enabled: 'no'}", "monitoring.enabled must be true or false, found 'no'"),
                broken("monitoring: {metrics: {everySecond: 2}}", "unknown key 'everySecond' in monitoring.metrics",
                        "did you mean 'everySeconds'?"),
                broken("monitoring: {metrics: {everySeconds: -1}}", "monitoring.metrics.everySeconds must be at least 0"
                        + " (0 = not by time), found -1"),
                broken("monitoring: {metrics: {everyEvents: 2.5}}", "monitoring.metrics.everyEvents must be an integer,"
                        + " found 2.5"),
                broken("monitoring: {drift: {signals: [eror]}}", "monitoring.drift.signals[0] must be one of error, "
                        + "loss, label, gate, found 'eror'; did you mean 'error'?"),
                broken("monitoring: {drift: {signals: [loss, loss]}}", "monitoring.drift.signals[1] repeats 'loss'"),
                broken("monitoring: {drift: {adwin: {delta: 1.5}}}", "monitoring.drift.adwin.delta must be in (0, 1), "
                        + "found 1.5"),
                broken("monitoring: {drift: {pageHinkley: {treshold: 3}}}", "unknown key 'treshold' in "
                        + "monitoring.drift.pageHinkley", "did you mean 'threshold'?"),
                broken("monitoring: {drift: {pageHinkley: {alpha: 0}}}", "monitoring.drift.pageHinkley.alpha must be "
                        + "in (0, 1], found 0"),
                broken("monitoring: {drift: {gate: {fast: 500, slow: 100}}}", "monitoring.drift.gate.slow must be "
                        + "greater than fast = 500, found 100"),
                broken("monitoring: {drift: {kswin: {statSize: 3}}}", "monitoring.drift.kswin.statSize is too small "
                        + "for alpha 0.005"),
                broken("monitoring: {drift: {kswin: {signals: [gate]}}}", "monitoring.drift.kswin.signals may list "
                        + "error, loss and label"),
                broken("monitoring: {affinity: {everyBatches: -2}}", "monitoring.affinity.everyBatches must be at least"
                        + " 0 (0 = off), found -2"),
                broken("monitoring: {reactions: {default: reset-towr}}", "monitoring.reactions.default must be one of "
                        + "none, reset-tower, boost-lr, reanchor-gradnorm, found 'reset-towr'; did you mean "
                        + "'reset-tower'?"),
                broken("monitoring: {reactions: {tasks: {incme: reset-tower}}}", "monitoring.reactions.tasks has key "
                        + "'incme', which is not a task; tasks: income, marital; did you mean 'income'?"),
                broken("monitoring: {reactions: {default: reanchor-gradnorm}}", "monitoring.reactions.default "
                        + "reanchor-gradnorm needs weighting.type gradnorm, found fixed"),
                broken("monitoring: {reactions: {default: {type: reset-tower, factor: 2}}}",
                        "monitoring.reactions.default.factor applies to boost-lr only, found type reset-tower"),
                broken("monitoring: {reactions: {default: {type: boost-lr, factor: 0}}}",
                        "monitoring.reactions.default.factor must be positive, found 0"),
                broken("monitoring: {reactions: {default: {type: boost-lr, batches: 0}}}",
                        "monitoring.reactions.default.batches must be at least 1, found 0"),
                broken("monitoring: {reactions: {default: [reset-tower, reset-tower]}}",
                        "monitoring.reactions.default[1] repeats reset-tower"),
                broken("monitoring: {reactions: {default: [none, reset-tower]}}",
                        "monitoring.reactions.default[0] is none, which cannot be combined with other reactions"),
                broken("monitoring: {reactions: {cooldownBatches: -1}}", "monitoring.reactions.cooldownBatches must be "
                        + "at least 0, found -1"),
                broken("monitoring: {drift: {signals: [loss]}, reactions: {default: reset-tower}}",
                        "monitoring.reactions.signals (default [error]) lists error, which monitoring.drift.signals does"
                                + " not watch"),
                broken("monitoring: {reactions: {signals: [label, eror]}}", "monitoring.reactions.signals[1] must be "
                        + "one of error, loss, label, gate, found 'eror'"));
    }

    @ParameterizedTest
    @MethodSource("brokenMonitoring")
    void shouldRefuseABrokenMonitoringSectionByName(String section, List<String> expected) {
        SpecException e = assertThrows(SpecException.class, () -> SpecText.base().with("monitoring", section).parse());
        for (String part : expected) {
            assertTrue(e.getMessage().contains(part), "expected '" + part + "' in: " + e.getMessage());
        }
        assertTrue(e.getMessage().startsWith(SpecText.SOURCE + ": "), e.getMessage());
    }

    @Test
    void shouldRefuseTheGateSignalAndAffinityWhereTheFamilyHasNoGatesOrNoSharing() {
        SpecException gate = assertThrows(SpecException.class, () -> SpecText.base()
                .with("model", "model: {family: shared-bottom}")
                .with("monitoring", "monitoring: {drift: {signals: [error, gate]}}").parse());
        assertEquals("test.yaml: monitoring.drift.signals lists gate, but model.family shared-bottom has no gates "
                + "(omoe, mmoe, cgc and ple have)", gate.getMessage());

        SpecException affinity = assertThrows(SpecException.class, () -> SpecText.base()
                .with("model", "model: {family: single-task}")
                .with("monitoring", "monitoring: {affinity: {everyBatches: 5}}").parse());
        assertTrue(affinity.getMessage().startsWith("test.yaml: monitoring.affinity.everyBatches needs a model family "
                + "with shared layers"), affinity.getMessage());

        // The defaults (gate watched, affinity every 50 batches) are fine for such families: they do not apply.
        assertEquals(MonitoringSpec.defaults(), SpecText.base().with("model", "model: {family: single-task}").parse()
                .monitoring());
    }

    private static Arguments broken(String section, String... expected) {
        return Arguments.of(section, List.of(expected));
    }
}

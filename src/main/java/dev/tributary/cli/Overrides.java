package dev.tributary.cli;

import dev.tributary.spec.ExpertSpec;
import dev.tributary.spec.ModelFamily;
import dev.tributary.spec.ModelSpec;
import dev.tributary.spec.SyntheticSpec;
import dev.tributary.spec.TopologySpec;

/** Command-line overrides of a loaded spec, for comparisons (family, seed, synthetic correlation). */
final class Overrides {
    private Overrides() {
    }

    static TopologySpec apply(TopologySpec s, ModelFamily family, Long seed, Double correlation, Long events) {
        ModelSpec model = family == null ? s.model() : withFamily(s.model(), family);
        SyntheticSpec syn = s.synthetic();
        if (syn != null && (correlation != null || events != null)) {
            syn = syn.withCorrelation(correlation != null ? correlation : syn.correlation())
                    .withEvents(events != null ? events : syn.events());
        } else if (correlation != null || events != null) {
            throw new IllegalArgumentException("--correlation and --events apply to synthetic topologies only");
        }
        return new TopologySpec(s.name(), seed != null ? seed : s.seed(), s.tasks(), s.features(), model, s.optimizer(),
                s.weighting(), s.sampler(), s.batch(), s.dataset(), syn, s.monitoring());
    }

    /**
     * The same sizes under another family: expert families keep the experts (CGC/PLE get one
     * task-specific expert per task of the same shape if the spec had none); the others drop them.
     */
    static ModelSpec withFamily(ModelSpec m, ModelFamily family) {
        ExpertSpec experts = m.experts().count() > 0 ? m.experts() : new ExpertSpec(4, m.tower().isEmpty()
                ? java.util.List.of(16) : java.util.List.of(m.tower().get(0) * 2));
        boolean cgc = family == ModelFamily.CGC || family == ModelFamily.PLE;
        ExpertSpec own = !cgc ? ExpertSpec.none()
                : m.taskExperts().count() > 0 ? m.taskExperts() : new ExpertSpec(1, experts.hidden());
        return new ModelSpec(family, m.encoder(), family.hasExperts() ? experts : ExpertSpec.none(), own,
                family == ModelFamily.PLE ? Math.max(2, m.levels()) : 1, m.tower(),
                family.hasExperts() ? m.gateTemperature() : 1.0, family.hasExperts() ? m.expertDropout() : 0.0,
                family == ModelFamily.SOFT_SHARING ? (m.softSharingL2() > 0 ? m.softSharingL2() : 1e-3) : 0.0);
    }
}

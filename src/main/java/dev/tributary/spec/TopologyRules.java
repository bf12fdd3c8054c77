package dev.tributary.spec;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules across the entries of a {@link TopologySpec}, which no single record can check. The YAML
 * reader checks them too, first and at the entry's key path (with a spelling suggestion where one
 * helps); these are for specs built in Java, in the same words.
 */
final class TopologyRules {
    private TopologyRules() {
    }

    static void check(List<TaskSpec> tasks, List<FeatureSpec> features, ModelSpec model, WeightingSpec weighting,
                      SamplerSpec sampler, DatasetSpec dataset, SyntheticSpec synthetic, MonitoringSpec monitoring) {
        Set<String> taskNames = tasks(tasks);
        Set<String> featureNames = features(features);
        requireTasks("weighting.weights", weighting.weights().keySet(), taskNames);
        requireTasks("sampler.weights", sampler.weights().keySet(), taskNames);
        ModelFamily family = model.family();
        if (weighting.type() == WeightingType.GRADNORM && !family.hasSharedLayers()) {
            throw new InvalidFieldException("weighting.type", "gradnorm needs a model family with shared layers"
                    + " (shared-bottom, omoe, mmoe, cgc, ple)", "model.family " + Names.yamlName(family));
        }
        monitoring(monitoring, weighting.type());
        if (dataset != null) {
            dataset(dataset, tasks, taskNames, features);
        }
        if (synthetic != null) {
            synthetic(synthetic, tasks, features);
        }
    }

    private static Set<String> tasks(List<TaskSpec> tasks) {
        if (tasks.isEmpty()) {
            throw new InvalidFieldException("tasks", "must list at least one task", "[]");
        }
        Map<String, String> topicOwner = new HashMap<>();
        Set<String> names = new HashSet<>();
        for (TaskSpec t : tasks) {
            if (!names.add(t.name())) {
                throw new InvalidFieldException("tasks", "must have unique names", "'" + t.name() + "' twice");
            }
            String owner = topicOwner.putIfAbsent(t.topic(), t.name());
            if (owner != null) {
                throw new InvalidFieldException("tasks", "must each have their own topic", "'" + t.topic()
                        + "' for tasks '" + owner + "' and '" + t.name() + "'");
            }
        }
        if (tasks.stream().allMatch(TaskSpec::auxiliary)) {
            throw new InvalidFieldException("tasks", "must have at least one task with auxiliary: false",
                    "all auxiliary");
        }
        return names;
    }

    private static Set<String> features(List<FeatureSpec> features) {
        if (features.isEmpty()) {
            throw new InvalidFieldException("features", "must list at least one feature", "[]");
        }
        Set<String> names = new HashSet<>();
        for (FeatureSpec f : features) {
            if (!names.add(f.name())) {
                throw new InvalidFieldException("features", "must have unique names", "'" + f.name() + "' twice");
            }
        }
        return names;
    }

    private static void requireTasks(String field, Set<String> keys, Set<String> taskNames) {
        for (String key : keys) {
            if (!taskNames.contains(key)) {
                throw new InvalidFieldException(field, "must name tasks", "'" + key + "'");
            }
        }
    }

    /**
     * A drift signal or affinity interval a family cannot use is ignored (the defaults list them for every
     * family); the YAML reader refuses one that is written out.
     */
    private static void monitoring(MonitoringSpec monitoring, WeightingType weighting) {
        ReactionsSpec reactions = monitoring.reactions();
        List<List<ReactionSpec>> lists = new java.util.ArrayList<>(reactions.tasks().values());
        lists.add(reactions.defaults());
        for (List<ReactionSpec> list : lists) {
            for (ReactionSpec r : list) {
                if (r.type() == ReactionType.REANCHOR_GRADNORM && weighting != WeightingType.GRADNORM) {
                    throw new InvalidFieldException("monitoring.reactions", "may use reanchor-gradnorm only with"
                            + " weighting.type gradnorm", "weighting.type " + Names.yamlName(weighting));
                }
            }
        }
    }

    private static void dataset(DatasetSpec dataset, List<TaskSpec> tasks, Set<String> taskNames,
                                List<FeatureSpec> features) {
        List<String> featureNames = features.stream().map(FeatureSpec::name).toList();
        requireTasks("dataset.labels", dataset.labels().keySet(), taskNames);
        requireTasks("dataset.exclude", dataset.exclude().keySet(), taskNames);
        for (TaskSpec task : tasks) {
            LabelSpec label = dataset.labels().get(task.name());
            if (label == null) {
                throw new InvalidFieldException("dataset.labels", "must give every task a label column",
                        "no entry for task '" + task.name() + "'");
            }
            if (!label.positive().isEmpty() && task.kind() != TaskKind.BINARY) {
                throw new InvalidFieldException("dataset.labels." + task.name() + ".positive", "must be absent for"
                        + " a task of kind " + Names.yamlName(task.kind()) + " (only binary labels have positive"
                        + " values)", label.positive());
            }
            if (featureNames.contains(label.column())) {
                throw new InvalidFieldException("dataset.labels." + task.name(), "must not use a column that is also"
                        + " declared as a feature (live events do not carry other tasks' labels)",
                        "'" + label.column() + "'");
            }
        }
        if (dataset.timestamp() != null && featureNames.contains(dataset.timestamp())) {
            throw new InvalidFieldException("dataset.timestamp", "must not be declared as a feature",
                    "'" + dataset.timestamp() + "'");
        }
        dataset.exclude().forEach((task, excluded) -> {
            for (String feature : excluded) {
                if (!featureNames.contains(feature)) {
                    throw new InvalidFieldException("dataset.exclude." + task, "must name declared features",
                            "'" + feature + "'");
                }
            }
        });
        if (!dataset.columns().isEmpty()) {
            for (String feature : featureNames) {
                if (!dataset.columns().contains(feature)) {
                    throw new InvalidFieldException("dataset.columns", "must contain every declared feature",
                            "no column '" + feature + "'");
                }
            }
        }
    }

    private static void synthetic(SyntheticSpec synthetic, List<TaskSpec> tasks, List<FeatureSpec> features) {
        for (int i = 0; i < tasks.size(); i++) {
            if (tasks.get(i).kind() == TaskKind.MULTICLASS) {
                throw new InvalidFieldException("tasks[" + i + "].kind", "must be binary or regression for the"
                        + " synthetic generator", "'multiclass'");
            }
        }
        if (synthetic.dimension() < tasks.size()) {
            throw new InvalidFieldException("synthetic.dimension", "must be at least the number of tasks ("
                    + tasks.size() + ") so that every task gets its own orthogonal direction", synthetic.dimension());
        }
        List<FeatureSpec> generated = synthetic.features();
        if (synthetic.ids() != null && features.stream().noneMatch(f -> f.name().equals(synthetic.ids().name())
                && f.type() == FeatureType.CATEGORICAL)) {
            throw new InvalidFieldException("synthetic.ids.name", "must name a categorical feature",
                    "'" + synthetic.ids().name() + "'");
        }
        if (features.size() < generated.size() || !features.subList(0, generated.size()).equals(generated)) {
            throw new InvalidFieldException("features", "must begin with numeric x0..x" + (synthetic.dimension() - 1)
                    + ", the features of the synthetic generator", features.size() + " features starting with '"
                    + features.get(0).name() + "'");
        }
    }
}

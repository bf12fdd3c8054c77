package dev.tributary.spec;

import java.util.ArrayList;
import java.util.List;

/** Reads the {@code model} section; which keys a family allows is checked here. */
final class ModelParser {
    static final List<Integer> DEFAULT_TOWER = List.of(16);
    static final int DEFAULT_PLE_LEVELS = 2;
    static final double DEFAULT_SOFT_SHARING_L2 = 0.001;

    private ModelParser() {
    }

    static ModelSpec parse(YamlNode node) {
        node.mapping("family", "encoder", "experts", "taskExperts", "levels", "tower", "gateTemperature",
                "expertDropout", "softSharingL2");
        ModelFamily family = node.require("family").choice(ModelFamily.class);
        String familyName = Names.yamlName(family);
        List<Integer> encoder = widths(node.get("encoder"), List.of(), false);
        ExpertSpec[] experts = experts(node, family);
        int levels = levels(node.get("levels"), family);
        List<Integer> tower = widths(node.get("tower"), DEFAULT_TOWER, false);

        onlyFor(node.get("gateTemperature"), family.hasExperts(), familyName, "expert families omoe, mmoe, cgc, ple");
        double gateTemperature = node.get("gateTemperature").number(1.0);

        onlyFor(node.get("expertDropout"), family.hasExperts(), familyName, "expert families omoe, mmoe, cgc, ple");
        double expertDropout = node.get("expertDropout").number(0.0);

        boolean soft = family == ModelFamily.SOFT_SHARING;
        onlyFor(node.get("softSharingL2"), soft, familyName, "family soft-sharing");
        double softSharingL2 = soft ? node.get("softSharingL2").number(DEFAULT_SOFT_SHARING_L2) : 0.0;

        return SectionBuild.build(node, () -> new ModelSpec(family, encoder, experts[0], experts[1], levels, tower,
                gateTemperature, expertDropout, softSharingL2));
    }

    /** Layer widths (their range is ModelSpec's to check); {@code nonEmpty} refuses an empty list. */
    static List<Integer> widths(YamlNode node, List<Integer> defaultValue, boolean nonEmpty) {
        if (!node.isPresent()) {
            return defaultValue;
        }
        List<Integer> widths = new ArrayList<>();
        for (YamlNode item : node.list()) {
            widths.add(item.integer());
        }
        if (nonEmpty && widths.isEmpty()) {
            throw node.invalid("must list at least one layer width");
        }
        return widths;
    }

    /** Shared experts and task-specific experts, as the family requires. */
    private static ExpertSpec[] experts(YamlNode model, ModelFamily family) {
        YamlNode shared = model.get("experts").mapping("count", "hidden");
        YamlNode perTask = model.get("taskExperts").mapping("count", "hidden");
        String familyName = Names.yamlName(family);
        boolean gated = family == ModelFamily.CGC || family == ModelFamily.PLE;
        onlyFor(perTask, gated, familyName, "families cgc and ple");
        if (!family.hasExperts()) {
            onlyFor(shared, false, familyName, "expert families omoe, mmoe, cgc, ple");
            return new ExpertSpec[] {ExpertSpec.none(), ExpertSpec.none()};
        }
        if (!gated) {
            if (!shared.isPresent()) {
                throw shared.error("is required for family " + familyName + ": give {count: <n>, hidden: [<widths>]}");
            }
            int count = shared.require("count").integer();
            List<Integer> hidden = widths(shared.require("hidden"), List.of(), true);
            return new ExpertSpec[] {new ExpertSpec(count, hidden), ExpertSpec.none()};
        }
        return gatedExperts(shared, perTask, familyName);
    }

    /** CGC/PLE: shared and task-specific experts; each side's widths default to the other's. */
    private static ExpertSpec[] gatedExperts(YamlNode shared, YamlNode perTask, String familyName) {
        int sharedCount = count(shared.get("count"));
        int taskCount = count(perTask.get("count"));
        if (sharedCount == 0 && taskCount == 0) {
            throw perTask.get("count").fail(perTask.path() + ".count and " + shared.path()
                    + ".count are both 0; family " + familyName + " needs at least one expert");
        }
        List<Integer> sharedHidden = widths(shared.get("hidden"), null, true);
        List<Integer> taskHidden = widths(perTask.get("hidden"), null, true);
        if (sharedHidden == null && taskHidden == null) {
            throw shared.get("hidden").error("is required for family " + familyName + " (give " + shared.path()
                    + ".hidden or " + perTask.path() + ".hidden; each defaults to the other)");
        }
        sharedHidden = sharedHidden == null ? taskHidden : sharedHidden;
        taskHidden = taskHidden == null ? sharedHidden : taskHidden;
        int sharedWidth = sharedHidden.get(sharedHidden.size() - 1);
        int taskWidth = taskHidden.get(taskHidden.size() - 1);
        if (sharedCount > 0 && taskCount > 0 && sharedWidth != taskWidth) {
            throw perTask.get("hidden").fail(perTask.path() + ".hidden must end with the same width as "
                    + shared.path() + ".hidden (" + sharedWidth + ") because the gates of family " + familyName
                    + " mix both kinds of expert, found " + taskWidth);
        }
        ExpertSpec sharedSpec = sharedCount == 0 ? ExpertSpec.none() : new ExpertSpec(sharedCount, sharedHidden);
        ExpertSpec taskSpec = taskCount == 0 ? ExpertSpec.none() : new ExpertSpec(taskCount, taskHidden);
        return new ExpertSpec[] {sharedSpec, taskSpec};
    }

    private static int count(YamlNode node) {
        int count = node.integer(1);
        node.check(count >= 0, "must be at least 0");
        return count;
    }

    private static int levels(YamlNode node, ModelFamily family) {
        if (family == ModelFamily.PLE) {
            return node.integer(DEFAULT_PLE_LEVELS);
        }
        if (family == ModelFamily.CGC) {
            return node.integer(1);
        }
        onlyFor(node, false, Names.yamlName(family), "families cgc and ple");
        return 0;
    }

    /** Refuses a key the family does not use, so that a setting never silently does nothing. */
    private static void onlyFor(YamlNode node, boolean allowed, String familyName, String users) {
        if (node.isPresent() && !allowed) {
            throw node.error("must be absent for family " + familyName + " (it applies to " + users + " only)");
        }
    }
}

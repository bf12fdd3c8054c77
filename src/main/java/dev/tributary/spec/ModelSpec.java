package dev.tributary.spec;

import java.util.List;
import java.util.Objects;

/**
 * The model family and its sizes. All hidden layers use ReLU.
 *
 * @param family          the sharing structure
 * @param encoder         widths of the encoder layers after the input (shared by all tasks, or one
 *                        per task for single-task and soft-sharing); may be empty
 * @param experts         shared experts (OMoE, MMoE, CGC, PLE)
 * @param taskExperts     task-specific experts per task (CGC, PLE); {@link ExpertSpec#none()} for the others
 * @param levels          number of extraction levels (PLE, at least 1; CGC, 1); ignored by the other
 *                        families (0 from YAML)
 * @param tower           widths of each task's tower hidden layers; the output layer is added
 * @param gateTemperature softmax temperature of the gates (1 = plain softmax; higher = softer)
 * @param expertDropout   training-time probability of dropping each expert from a gate (0 = off),
 *                        against gate polarisation
 * @param softSharingL2   strength of the L2 tie between per-task encoders (soft sharing; 0 for the other
 *                        families)
 */
public record ModelSpec(ModelFamily family, List<Integer> encoder, ExpertSpec experts, ExpertSpec taskExperts,
                        int levels, List<Integer> tower, double gateTemperature, double expertDropout,
                        double softSharingL2) {
    /** The widest layer. */
    public static final int MAX_WIDTH = 1 << 16;

    public ModelSpec {
        Objects.requireNonNull(family, "family");
        encoder = List.copyOf(encoder);
        Objects.requireNonNull(experts, "experts");
        Objects.requireNonNull(taskExperts, "taskExperts");
        tower = List.copyOf(tower);
        widths("encoder", encoder);
        widths("tower", tower);
        widths("experts.hidden", experts.hidden());
        widths("taskExperts.hidden", taskExperts.hidden());
        String name = Names.yamlName(family);
        if ((family == ModelFamily.MMOE || family == ModelFamily.OMOE) && experts.count() < 1) {
            throw new InvalidFieldException("experts.count", "must be at least 1 for family " + name, experts.count());
        }
        switch (family) {
            case PLE -> Require.atLeast("levels", levels, 1, "must be at least 1 for family ple");
            case CGC -> {
                if (levels != 1) {
                    throw new InvalidFieldException("levels", "must be 1 for family cgc (use family ple for more levels)",
                            levels);
                }
            }
            default -> {
                // The other families have no levels and ignore the value (the YAML reader refuses the key).
            }
        }
        Require.positive("gateTemperature", gateTemperature);
        Require.unitInterval("expertDropout", expertDropout);
        Require.nonNegative("softSharingL2", softSharingL2);
    }

    private static void widths(String field, List<Integer> widths) {
        for (int i = 0; i < widths.size(); i++) {
            int w = widths.get(i);
            if (w < 1 || w > MAX_WIDTH) {
                throw new InvalidFieldException(field + "[" + i + "]", "must be a layer width between 1 and "
                        + MAX_WIDTH, w);
            }
        }
    }
}

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
 * @param levels          number of extraction levels (PLE, at least 1; CGC, 1); 0 for the other families
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
    public ModelSpec {
        Objects.requireNonNull(family, "family");
        encoder = List.copyOf(encoder);
        Objects.requireNonNull(experts, "experts");
        Objects.requireNonNull(taskExperts, "taskExperts");
        tower = List.copyOf(tower);
    }
}

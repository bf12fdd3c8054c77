package dev.tributary.spec;

/** How much the tasks share; the right amount depends on how related they are. */
public enum ModelFamily {
    /** One independent network per task: the no-sharing baseline that makes negative transfer visible. */
    SINGLE_TASK,
    /** Hard sharing: one encoder for all tasks, one tower per task (Caruana 1997). */
    SHARED_BOTTOM,
    /** One encoder per task, tied by an L2 penalty between them (Duong et al. 2015). */
    SOFT_SHARING,
    /** One-gate mixture of experts: all tasks share one gate (Ma et al. 2018, OMoE). */
    OMOE,
    /** Multi-gate mixture of experts: one softmax gate per task over shared experts (Ma et al. 2018). */
    MMOE,
    /** Customized gate control: task-specific and shared experts (Tang et al. 2020). */
    CGC,
    /** Progressive layered extraction: stacked CGC levels (Tang et al. 2020). */
    PLE;

    /** Whether the family has experts and gates. */
    public boolean hasExperts() {
        return this == OMOE || this == MMOE || this == CGC || this == PLE;
    }

    /** Whether any parameters are shared by all tasks (GradNorm needs a last shared layer). */
    public boolean hasSharedLayers() {
        return this != SINGLE_TASK && this != SOFT_SHARING;
    }
}

/**
 * Layers, model families and compute kernels over flat {@code float[]} buffers with hand-derived
 * backward passes (DESIGN.md §4.1). Every family is a {@link dev.tributary.model.MultiTaskNetwork}:
 * shared-bottom, single-task, soft sharing, and the expert families OMoE, MMoE, CGC and PLE built from
 * one level/expert-group/gate structure. A row is computed for its own task only: the parts of a
 * network that belong to one task (its tower, last-level gate and task experts; or its whole network
 * in the single-task families) run over that task's rows. Parameters, gradients and optimizer moments
 * are each one contiguous buffer laid out by {@link dev.tributary.model.ParamLayout}.
 * {@link dev.tributary.model.SameDiffExport} rewrites any family as an ND4J SameDiff graph: the gradient
 * oracle of the tests (DESIGN.md §4.2) and the interchange format for DL4J/ND4J users. No Kafka here.
 */
package dev.tributary.model;

/**
 * Layers, model families and compute kernels over flat {@code float[]} buffers with hand-derived
 * backward passes (DESIGN.md §4.1). Every family is a {@link dev.tributary.model.MultiTaskNetwork}:
 * shared-bottom, single-task, soft sharing, and the expert families OMoE, MMoE, CGC and PLE built from
 * one level/expert-group/gate structure. Parameters, gradients and optimizer moments are each one
 * contiguous buffer laid out by {@link dev.tributary.model.ParamLayout}. No Kafka here.
 */
package dev.tributary.model;

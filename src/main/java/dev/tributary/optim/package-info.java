/**
 * Training: task losses with their output transforms, optimizers (SGD, AdaGrad, Adam) over flat
 * buffers, gradient clipping and the non-finite guard, and loss weighting (fixed, uncertainty, DWA,
 * GradNorm, min-max). No Kafka here.
 */
package dev.tributary.optim;

package dev.tributary.spec;

/** How the per-task losses are combined into one training objective. */
public enum WeightingType {
    /** Constant per-task weights. */
    FIXED,
    /** Learned homoscedastic uncertainty per task (Kendall, Gal &amp; Cipolla, CVPR 2018). */
    UNCERTAINTY,
    /** Dynamic weight averaging over moving loss windows (Liu, Johns &amp; Davison, CVPR 2019). */
    DWA,
    /** Gradient normalisation on the last shared layer (Chen et al., ICML 2018). */
    GRADNORM,
    /** Worst-case: exponentiated weights that move towards the largest loss. */
    MINMAX
}

/**
 * Data sets as event streams: CSV/JSONL (optionally gzipped) readers mapped by a spec's
 * {@code dataset} section, and the synthetic multi-task generator of Ma et al. (KDD 2018).
 */
package dev.tributary.data;

/**
 * Data sets as event streams: CSV/JSONL (optionally gzipped) readers mapped by a spec's
 * {@code dataset} section ({@link dev.tributary.data.DatasetReader}), and the synthetic multi-task
 * generator of Ma et al. (KDD 2018) ({@link dev.tributary.data.SyntheticStream}). Both yield
 * {@link dev.tributary.event.Event}s, one per task per row; neither imports Kafka.
 */
package dev.tributary.data;

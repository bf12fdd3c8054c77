/**
 * Drift detectors: online change detectors that watch one numeric signal of a task (a 0/1 error, a
 * loss, a score) and say when its distribution has changed, for the drift alerts that Tributary
 * publishes. Owns the {@link dev.tributary.drift.DriftDetector} contract, the
 * {@link dev.tributary.drift.DriftStats} record of one detection, and three detectors:
 * {@link dev.tributary.drift.Adwin} (bit-identical to MOA's ADWIN),
 * {@link dev.tributary.drift.PageHinkley} and {@link dev.tributary.drift.Kswin}; and
 * {@link dev.tributary.drift.ShareShift}, which watches a stream of probability vectors (a gate's
 * expert shares) instead of one number.
 *
 * <p>Kafka-free and dependency-free: imports nothing of Tributary but {@code dev.tributary.util}.
 * See {@code docs/drift.md} for parameters and measured detection delay and false-alarm rates.
 */
package dev.tributary.drift;

/**
 * Each record the application writes, in one place: its writer, its reader and its {@code type}
 * constant (docs/wire-formats.md, with a JSON Schema each in docs/schemas). Predictions
 * ({@link dev.tributary.records.PredictionCodec}), dead letters ({@link dev.tributary.records.DeadLetter},
 * with every reason in {@link dev.tributary.event.DeadLetterReason}), task metrics
 * ({@link dev.tributary.records.MetricsCodec}), drift alerts ({@link dev.tributary.records.DriftCodec})
 * and task affinity ({@link dev.tributary.records.AffinityCodec}); the monitoring records are read as
 * {@link dev.tributary.records.MonitorRecord}s ({@link dev.tributary.records.MonitorRecords#parse}).
 * Undefined numbers are JSON null. Jackson only: no Kafka.
 */
package dev.tributary.records;

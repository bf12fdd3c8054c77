/**
 * Monitoring for people: the records the application publishes on {@code tributary.metrics},
 * {@code tributary.drift} and {@code tributary.affinity} (DESIGN.md §2), parsed into
 * {@link dev.tributary.cli.monitor.MonitorRecord}s, folded into a live {@link
 * dev.tributary.cli.monitor.MonitorState} (for {@code tributary watch} and the demo's view) or a full
 * {@link dev.tributary.cli.monitor.Timeline} (for {@code tributary report}), rendered as a terminal
 * table ({@link dev.tributary.cli.monitor.Dashboard}, shown by {@link dev.tributary.cli.monitor.Screen})
 * or as PNG charts with an HTML index ({@link dev.tributary.cli.monitor.ReportWriter}); plus JSONL
 * recordings of the records ({@link dev.tributary.cli.monitor.RecordFiles}).
 *
 * <p>Kafka-free: the consumer loops that feed it live in {@code dev.tributary.cli}.
 */
package dev.tributary.cli.monitor;

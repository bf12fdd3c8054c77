/**
 * Monitoring for people: the records the application publishes on {@code tributary.metrics},
 * {@code tributary.drift} and {@code tributary.affinity} (DESIGN.md §2), parsed into
 * {@link dev.tributary.records.MonitorRecord}s, folded into a live {@link
 * dev.tributary.monitor.MonitorState} (for {@code tributary watch} and the demo's view) or a full
 * {@link dev.tributary.monitor.Timeline} (for {@code tributary report}), rendered as a terminal
 * table ({@link dev.tributary.monitor.Dashboard}, shown by {@link dev.tributary.monitor.Screen})
 * or as PNG charts with an HTML index ({@link dev.tributary.monitor.ReportWriter}); plus JSONL
 * recordings of the records ({@link dev.tributary.monitor.RecordFiles}).
 *
 * <p>Kafka-free: the commands feed it from {@link dev.tributary.streams.TopicReader}.
 */
package dev.tributary.monitor;

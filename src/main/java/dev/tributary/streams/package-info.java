/**
 * The streaming application: Kafka Streams wiring (processors, serdes, topic names, store builders),
 * its settings, and the JSON codecs of the output records (predictions, metrics, drift, task
 * affinity; see {@code docs/wire-formats.md}).
 */
package dev.tributary.streams;

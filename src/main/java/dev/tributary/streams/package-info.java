/**
 * Kafka Streams wiring: processors, serdes, topic names, store builders, the JSON codecs of the
 * output records (predictions, metrics, drift, task affinity; see {@code docs/monitoring.md}), and the
 * in-process broker ({@link dev.tributary.streams.EmbeddedKafka}) that the demo and the integration
 * tests run against.
 */
package dev.tributary.streams;

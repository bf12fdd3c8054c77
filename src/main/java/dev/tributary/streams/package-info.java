/**
 * Kafka Streams wiring: processors, serdes, topic names, store builders, and the in-process broker
 * ({@link dev.tributary.streams.EmbeddedKafka}) that the demo and the integration tests run against.
 */
package dev.tributary.streams;

/**
 * The in-process Kafka: one KRaft broker ({@link dev.tributary.local.EmbeddedKafka#start()}) or a
 * cluster of several ({@link dev.tributary.local.EmbeddedKafka#startCluster}), from Kafka's own jars,
 * on loopback. The demo, the benchmarks and the tests run against it; the application does not use it
 * ({@code docs/embedded-broker.md}).
 */
package dev.tributary.local;

/**
 * The Kafka Streams state store that holds learner snapshots, written on the commit path so that
 * the stored model and the committed offsets describe the same moment. The only package that touches
 * RocksDB (through Kafka Streams' store builders).
 */
package dev.tributary.state;

/**
 * The {@code tributary} command line: evaluate, bench (and, with the streaming application, run,
 * demo, produce, topics, watch). The only package that prints to standard output.
 */
package dev.tributary.cli;

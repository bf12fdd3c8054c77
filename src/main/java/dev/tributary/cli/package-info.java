/**
 * The {@code tributary} command line: evaluate, bench (and, with the streaming application, run,
 * demo, produce, topics, watch, report). The only package that prints to standard output. The
 * monitoring views of {@code watch}, {@code report} and the demo live in {@code cli.monitor}.
 */
package dev.tributary.cli;

/**
 * The {@code tributary} command line: run, topics, produce, demo, watch, report, evaluate, bench.
 * Each command parses its options and calls a library: the application ({@code streams}), the
 * monitoring views ({@code monitor}), hold-out evaluation ({@code learner.HoldOut}) and the
 * benchmark harnesses ({@code bench}). The only package that prints to standard output.
 */
package dev.tributary.cli;

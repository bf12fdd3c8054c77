/**
 * Prequential ("test-then-train") evaluation: every labelled event is scored by the model before it
 * learns from it, and these classes turn those scores into metrics, over a sliding window of the last
 * {@code W} events and cumulatively since the start.
 *
 * <p>Owns {@link dev.tributary.eval.TaskMetrics} and its three kinds
 * ({@link dev.tributary.eval.BinaryMetrics}, {@link dev.tributary.eval.MulticlassMetrics},
 * {@link dev.tributary.eval.RegressionMetrics}), and {@link dev.tributary.eval.GateHealth}, which
 * watches mixture-of-experts gates for collapse and for tasks that route identically, and
 * {@link dev.tributary.eval.TaskAffinity}, the running mean of inter-task affinity (Fifty et al. 2021)
 * whose lookaheads the learner measures. Pure Java:
 * imports only {@code dev.tributary.util} and {@code dev.tributary.spec}; every class is
 * {@link dev.tributary.util.Stateful} so that metrics survive a learner snapshot and restore.
 *
 * <p>Reference for the evaluation protocol: Gama, Sebastião &amp; Rodrigues, "On evaluating stream
 * learning algorithms", Machine Learning 90 (2013).
 */
package dev.tributary.eval;

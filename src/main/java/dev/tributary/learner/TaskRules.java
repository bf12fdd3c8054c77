package dev.tributary.learner;

import dev.tributary.eval.BinaryMetrics;
import dev.tributary.eval.MulticlassMetrics;
import dev.tributary.eval.RegressionMetrics;
import dev.tributary.eval.TaskMetrics;
import dev.tributary.event.Event;
import dev.tributary.features.RunningStats;
import dev.tributary.spec.TaskSpec;

import java.util.Arrays;
import java.util.List;

/**
 * What a task's kind decides, in one place per kind: which labels fit, how the head's scores become a
 * {@link Prediction}, what a labelled event adds to the prequential metrics and the drift signals, and
 * the target it trains on. The learner, the validator and the hold-out metrics ask it instead of
 * switching over the kind. Scores are the output of {@code TaskLoss.score}: a probability (binary),
 * the class distribution (multiclass) or the standardised value (regression).
 */
sealed interface TaskRules permits TaskRules.Binary, TaskRules.Regression, TaskRules.Multiclass {

    static TaskRules of(TaskSpec task) {
        return switch (task.kind()) {
            case BINARY -> new Binary(task);
            case REGRESSION -> new Regression(task);
            case MULTICLASS -> new Multiclass(task);
        };
    }

    /** What one labelled event gave the drift detectors and the sampler; reused, one per learner. */
    final class Outcome {
        /** The prequential error: 0/1, or |error| in standard deviations for regression. */
        double error;
        /** The prequential loss: log-loss, cross-entropy or squared error (standardised). */
        double loss;
        /** The label's value for the label signal (NaN for multiclass). */
        double label;
        /** The training target: 0/1, the standardised value or the class index. */
        float target;
    }

    TaskSpec task();

    /** Why {@code label} (not null) does not fit the task, or null when it does. */
    String checkLabel(Object label);

    /** The prediction from the head's {@code scores}, made with the model at {@code version}. */
    Prediction predict(Event e, double[] scores, RunningStats target, long version);

    /**
     * Folds a labelled, scored event into the task's metrics (and, for regression, its target scaler)
     * and fills {@code out}.
     */
    void learn(Object label, double[] scores, TaskMetrics metrics, RunningStats target, Outcome out);

    /** Adds one held-out prediction of a labelled event to test metrics. */
    void addTest(TaskMetrics metrics, double[] scores, Object label);

    /** The numeric target of a validated binary or regression label. */
    static double numericLabel(Object label) {
        return label instanceof Boolean b ? (b ? 1.0 : 0.0) : ((Number) label).doubleValue();
    }

    /** "label of binary task 'x'": built only for a refusal (the check runs for every event). */
    static String where(TaskSpec task) {
        return "label of " + task.kind().name().toLowerCase() + " task '" + task.name() + "'";
    }

    static String describe(Object v) {
        if (v instanceof String s) {
            return "string '" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "'";
        }
        return v.getClass().getSimpleName().toLowerCase() + " " + v;
    }

    record Binary(TaskSpec task) implements TaskRules {
        @Override
        public String checkLabel(Object label) {
            if (label instanceof Boolean) {
                return null;
            }
            if (!(label instanceof Number n) || (n.doubleValue() != 0 && n.doubleValue() != 1)) {
                return where(task) + " must be 0 or 1, found " + describe(label);
            }
            return null;
        }

        @Override
        public Prediction predict(Event e, double[] scores, RunningStats target, long version) {
            return new Prediction(task.name(), e.id(), e.timestamp(), scores[0], null, null, e.label(), version);
        }

        @Override
        public void learn(Object label, double[] scores, TaskMetrics metrics, RunningStats target, Outcome out) {
            double y = numericLabel(label);
            double p = scores[0];
            ((BinaryMetrics) metrics).add(p, (int) y);
            double pc = Math.min(1 - 1e-7, Math.max(1e-7, p));
            out.error = (p >= 0.5 ? 1 : 0) != (int) y ? 1 : 0;
            out.loss = -(y * Math.log(pc) + (1 - y) * Math.log(1 - pc));
            out.label = y;
            out.target = (float) y;
        }

        @Override
        public void addTest(TaskMetrics metrics, double[] scores, Object label) {
            ((BinaryMetrics) metrics).add(scores[0], (int) numericLabel(label));
        }
    }

    record Regression(TaskSpec task) implements TaskRules {
        @Override
        public String checkLabel(Object label) {
            if (!(label instanceof Number n)) {
                return where(task) + " must be a number, found " + describe(label);
            }
            return Double.isFinite(n.doubleValue()) ? null : where(task) + " must be finite, found " + n;
        }

        @Override
        public Prediction predict(Event e, double[] scores, RunningStats target, long version) {
            return new Prediction(task.name(), e.id(), e.timestamp(), target.unstandardise(scores[0]), null, null,
                    e.label(), version);
        }

        @Override
        public void learn(Object label, double[] scores, TaskMetrics metrics, RunningStats target, Outcome out) {
            double y = numericLabel(label);
            ((RegressionMetrics) metrics).add(target.unstandardise(scores[0]), y);
            out.target = (float) target.standardise(y);
            double err = scores[0] - out.target;
            out.error = Math.abs(err);
            out.loss = err * err;
            out.label = y;
            target.add(y);
        }

        @Override
        public void addTest(TaskMetrics metrics, double[] scores, Object label) {
            ((RegressionMetrics) metrics).add(scores[0], numericLabel(label));
        }
    }

    record Multiclass(TaskSpec task) implements TaskRules {
        @Override
        public String checkLabel(Object label) {
            return classIndex(label) >= 0 ? null
                    : where(task) + " must be a class index 0.." + (task.classes().size() - 1) + " or one of "
                    + task.classes() + ", found " + describe(label);
        }

        /** The label's class index, or -1 when it names no class. */
        int classIndex(Object label) {
            List<String> classes = task.classes();
            if (label instanceof String s) {
                return classes.indexOf(s);
            }
            if (label instanceof Number n) {
                double d = n.doubleValue();
                if (d == Math.rint(d) && d >= 0 && d < classes.size()) {
                    return (int) d;
                }
            }
            return -1;
        }

        @Override
        public Prediction predict(Event e, double[] scores, RunningStats target, long version) {
            double[] dist = Arrays.copyOf(scores, task.classes().size());
            int best = argmax(dist);
            return new Prediction(task.name(), e.id(), e.timestamp(), dist[best], dist, task.classes().get(best),
                    e.label(), version);
        }

        @Override
        public void learn(Object label, double[] scores, TaskMetrics metrics, RunningStats target, Outcome out) {
            int c = classIndex(label);
            float[] dist = new float[task.classes().size()];
            for (int k = 0; k < dist.length; k++) {
                dist[k] = (float) scores[k];
            }
            ((MulticlassMetrics) metrics).add(dist, 0, c);
            int best = 0;
            for (int k = 1; k < dist.length; k++) {
                best = dist[k] > dist[best] ? k : best;
            }
            out.error = best != c ? 1 : 0;
            out.loss = -Math.log(Math.max(1e-7, scores[c]));
            out.label = Double.NaN;
            out.target = c;
        }

        @Override
        public void addTest(TaskMetrics metrics, double[] scores, Object label) {
            float[] dist = new float[scores.length];
            for (int c = 0; c < dist.length; c++) {
                dist[c] = (float) scores[c];
            }
            int y = label instanceof String s ? task.classes().indexOf(s) : (int) numericLabel(label);
            ((MulticlassMetrics) metrics).add(dist, 0, y);
        }

        private static int argmax(double[] v) {
            int best = 0;
            for (int c = 1; c < v.length; c++) {
                best = v[c] > v[best] ? c : best;
            }
            return best;
        }
    }
}

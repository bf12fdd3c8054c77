package dev.tributary.learner;

import dev.tributary.event.Event;
import dev.tributary.spec.ModelFamily;
import dev.tributary.spec.TopologySpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hold-out evaluation as a library call, checked against metrics computed here from the predictions. */
class HoldOutTest {

    @Test
    void shouldScoreTheTestSetWithTheModelFrozenAndMatchAnIndependentComputation() {
        TopologySpec spec = TestSpecs.synthetic(ModelFamily.MMOE);
        List<Event> all = LearnerTest.events(spec, 4500);
        List<Event> train = all.subList(0, 3000);
        List<Event> test = all.subList(3000, all.size());
        Learner learner = new Learner(spec);
        long[] chunks = new long[1];
        assertEquals(3000, HoldOut.train(learner, train.iterator(), n -> chunks[0] += n));
        assertEquals(3000, chunks[0], "progress is told every event");
        byte[] trained = learner.snapshot();

        Map<String, Map<String, Double>> metrics = HoldOut.test(learner, test.iterator());
        assertArrayEquals(trained, learner.snapshot(), "the test pass does not change the model");
        assertEquals(List.of("t1", "t2", "t3"), List.copyOf(metrics.keySet()));

        List<Prediction> predictions = Learner.restore(spec, trained).predict(test);
        for (String task : List.of("t1", "t2")) {
            List<double[]> scored = new ArrayList<>();
            for (Prediction p : predictions) {
                if (p.task().equals(task) && p.label() != null) {
                    scored.add(new double[] {p.score(), ((Number) p.label()).doubleValue()});
                }
            }
            assertEquals(scored.size(), metrics.get(task).get("count"), 0.0, task);
            assertEquals(pairwiseAuc(scored), metrics.get(task).get("auc"), 1e-9, task);
            assertTrue(metrics.get(task).get("auc") > 0.6, task + " learned something: " + metrics.get(task));
        }
        double sq = 0;
        int n = 0;
        for (Prediction p : predictions) {
            if (p.task().equals("t3") && p.label() != null) {
                double err = p.score() - ((Number) p.label()).doubleValue();
                sq += err * err;
                n++;
            }
        }
        assertEquals(n, metrics.get("t3").get("count"), 0.0);
        assertEquals(Math.sqrt(sq / n), metrics.get("t3").get("rmse"), 1e-6 * Math.sqrt(sq / n));
    }

    /** P(score of a positive > score of a negative), ties counted half: the AUC by its definition. */
    static double pairwiseAuc(List<double[]> scoredLabels) {
        double wins = 0;
        long pairs = 0;
        for (double[] pos : scoredLabels) {
            if (pos[1] != 1) {
                continue;
            }
            for (double[] neg : scoredLabels) {
                if (neg[1] == 0) {
                    wins += pos[0] > neg[0] ? 1 : pos[0] == neg[0] ? 0.5 : 0;
                    pairs++;
                }
            }
        }
        return wins / pairs;
    }
}

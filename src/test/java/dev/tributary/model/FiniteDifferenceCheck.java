package dev.tributary.model;

import dev.tributary.util.Rng;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks SameDiff's gradient of the double-precision loss "J" against central finite differences of
 * the same loss, {@code (J(θ + h·v) − J(θ − h·v)) / 2h}.
 *
 * <p>One SameDiff evaluation costs milliseconds here (per-op overhead), so a check of every element
 * of every family would take minutes. Per block it therefore checks (a) the directional derivative
 * along a seeded random ±1 direction {@code v} over the whole block, which sees an error in any
 * element: {@code |fd − g*·v| ≤ tol·||g*||₂}; and (b) single elements: the one with the largest
 * {@code |g*|} and a seeded random one, against {@code |fd − g*| ≤ tol·max(|g*|, 1e-2·max|g*|)}.
 */
record FiniteDifferenceCheck(double maxDirectionalError, double maxElementError, int evaluations,
                             List<String> failures) {
    static final double STEP = 1e-6;

    boolean passed() {
        return failures.isEmpty();
    }

    static FiniteDifferenceCheck run(SameDiffExport export, Map<String, INDArray> in, double[] g, long seed,
                                     double tol) {
        Rng rng = new Rng(seed);
        SameDiff sd = export.sameDiff();
        double worstDir = 0;
        double worstElem = 0;
        int evaluations = 0;
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, ParamLayout.Block> e : export.parameters().entrySet()) {
            ParamLayout.Block b = e.getValue();
            INDArray arr = sd.getVariable(e.getKey()).getArr();
            double norm2 = 0;
            double max = 0;
            int argMax = 0;
            double[] v = new double[b.size()];
            double projected = 0;
            for (int i = 0; i < b.size(); i++) {
                double gi = g[b.offset() + i];
                norm2 += gi * gi;
                if (Math.abs(gi) > max) {
                    max = Math.abs(gi);
                    argMax = i;
                }
                v[i] = rng.nextDouble() < 0.5 ? -1 : 1;
                projected += gi * v[i];
            }
            double norm = Math.sqrt(norm2);
            double fd = derivative(sd, in, arr, v);
            evaluations += 2;
            double dirErr = Math.abs(fd - projected) / Math.max(norm, 1e-300);
            worstDir = Math.max(worstDir, dirErr);
            if (dirErr > tol) {
                failures.add(String.format("%s: directional derivative %.9g, gradient gives %.9g (error %.3e)",
                        b.name(), fd, projected, dirErr));
            }
            Set<Integer> elements = new LinkedHashSet<>(List.of(argMax, rng.nextInt(b.size())));
            for (int i : elements) {
                double[] unit = new double[b.size()];
                unit[i] = 1;
                double fdi = derivative(sd, in, arr, unit);
                evaluations += 2;
                double gi = g[b.offset() + i];
                double err = Math.abs(fdi - gi) / Math.max(Math.max(Math.abs(gi), 1e-2 * max), 1e-300);
                worstElem = Math.max(worstElem, err);
                if (err > tol) {
                    failures.add(String.format("%s[%d]: finite difference %.9g, gradient %.9g (error %.3e)",
                            b.name(), i, fdi, gi, err));
                }
            }
        }
        return new FiniteDifferenceCheck(worstDir, worstElem, evaluations, failures);
    }

    /** Central difference of J along {@code v} in one parameter array, which is restored afterwards. */
    private static double derivative(SameDiff sd, Map<String, INDArray> in, INDArray arr, double[] v) {
        INDArray saved = arr.dup();
        add(arr, v, STEP);
        double plus = sd.output(in, "J").get("J").getDouble(0);
        arr.assign(saved);
        add(arr, v, -STEP);
        double minus = sd.output(in, "J").get("J").getDouble(0);
        arr.assign(saved);
        return (plus - minus) / (2 * STEP);
    }

    private static void add(INDArray arr, double[] v, double scale) {
        for (int i = 0; i < v.length; i++) {
            if (v[i] != 0) {
                arr.putScalar(i, arr.getDouble(i) + scale * v[i]);
            }
        }
    }
}

package dev.tributary.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares a gradient with a reference block by block: relative 2-norm error per block, and per
 * element {@code |g − g*| / max(|g*|, 1e-2·max|g*| of the block)}, both against one tolerance.
 */
record GradientCheck(double maxNormRatio, double maxElementError, List<String> failures) {

    boolean passed() {
        return failures.isEmpty();
    }

    static GradientCheck compare(ParamLayout layout, double[] g, double[] reference, double tol) {
        double worstNorm = 0;
        double worstElement = 0;
        List<String> failures = new ArrayList<>();
        for (ParamLayout.Block b : layout.blocks()) {
            double diff2 = 0;
            double ref2 = 0;
            double refMax = 0;
            for (int i = b.offset(); i < b.offset() + b.size(); i++) {
                diff2 += (g[i] - reference[i]) * (g[i] - reference[i]);
                ref2 += reference[i] * reference[i];
                refMax = Math.max(refMax, Math.abs(reference[i]));
            }
            if (refMax == 0) {
                if (diff2 > 0) {
                    failures.add(b.name() + ": reference is zero, gradient norm " + Math.sqrt(diff2));
                }
                continue;
            }
            double norm = Math.sqrt(diff2 / ref2);
            worstNorm = Math.max(worstNorm, norm);
            if (norm > tol) {
                failures.add(String.format("%s: relative norm error %.3e", b.name(), norm));
            }
            for (int i = b.offset(); i < b.offset() + b.size(); i++) {
                double err = Math.abs(g[i] - reference[i]) / Math.max(Math.abs(reference[i]), 1e-2 * refMax);
                worstElement = Math.max(worstElement, err);
                if (err > tol) {
                    failures.add(String.format("%s[%d]: %.9g vs reference %.9g (error %.3e)", b.name(),
                            i - b.offset(), g[i], reference[i], err));
                }
            }
        }
        if (failures.size() > 25) {
            int more = failures.size() - 25;
            failures = new ArrayList<>(failures.subList(0, 25));
            failures.add("... and " + more + " more");
        }
        return new GradientCheck(worstNorm, worstElement, failures);
    }
}

package dev.tributary.learner;

import java.util.List;

/**
 * The learner's running inter-task affinity (Fifty et al., NeurIPS 2021): {@code matrix[i][j]} is the
 * mean over the lookaheads so far of {@code Z_{i→j} = 1 − L_j(after a step on task i's loss) /
 * L_j(before)}, NaN where no lookahead has measured the pair yet. See {@code docs/monitoring.md}.
 *
 * @param tasks   the task names, in matrix order
 * @param matrix  T × T, row = the task whose update is applied, column = the task whose loss is measured
 * @param samples lookaheads measured so far
 */
public record Affinity(List<String> tasks, double[][] matrix, long samples) {
    public Affinity {
        tasks = List.copyOf(tasks);
    }
}

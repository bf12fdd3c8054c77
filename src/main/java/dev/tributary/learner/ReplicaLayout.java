package dev.tributary.learner;

import dev.tributary.model.MultiTaskNetwork;
import dev.tributary.model.ParamLayout;
import dev.tributary.spec.TopologySpec;

import java.util.Arrays;
import java.util.List;

/**
 * Who owns which parameters, for merging replicas' deltas: per parameter of the dense layers (in the
 * order of {@link ParamChange#dense()}) and per embedding table, the task that owns it alone (its
 * tower, its gates; in families without sharing its whole network) or -1 when tasks share it.
 */
public record ReplicaLayout(int tasks, int[] denseOwner, int[] tableOwner, int[] tableWidth, int[] denseRanges) {

    /** The layout of the model a topology's learners build. */
    public static ReplicaLayout of(TopologySpec spec) {
        return of(new Learner(spec).net);
    }

    static ReplicaLayout of(MultiTaskNetwork net) {
        ParamLayout layout = net.layout();
        int[] ranges = layout.denseRanges();
        int[] denseStart = new int[ranges.length / 2];
        int dense = 0;
        for (int k = 0; k < ranges.length; k += 2) {
            denseStart[k / 2] = dense;
            dense += ranges[k + 1];
        }
        int[] denseOwner = new int[dense];
        Arrays.fill(denseOwner, -1);
        List<ParamLayout.Block> tables = layout.tables();
        int[] tableOwner = new int[tables.size()];
        int[] tableWidth = new int[tables.size()];
        Arrays.fill(tableOwner, -1);
        for (int t = 0; t < tables.size(); t++) {
            tableWidth[t] = tables.get(t).fanOut();
        }
        for (int task = 0; task < net.taskCount(); task++) {
            for (ParamLayout.Block b : net.taskBlocks(task)) {
                int from = b.offset();
                int to = from + b.size();
                for (int k = 0; k < ranges.length; k += 2) {
                    int lo = Math.max(from, ranges[k]);
                    int hi = Math.min(to, ranges[k] + ranges[k + 1]);
                    if (lo < hi) {
                        int at = denseStart[k / 2] + lo - ranges[k];
                        Arrays.fill(denseOwner, at, at + hi - lo, task);
                    }
                }
                for (int t = 0; t < tables.size(); t++) {
                    int offset = tables.get(t).offset();
                    if (offset >= from && offset < to) {
                        tableOwner[t] = task;
                    }
                }
            }
        }
        return new ReplicaLayout(net.taskCount(), denseOwner, tableOwner, tableWidth, ranges);
    }

    /** Parameters of the dense layers. */
    public int denseSize() {
        return denseOwner.length;
    }
}

package dev.tributary.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One extraction level of an {@link ExpertNetwork}: per-task expert groups (may be null), shared
 * experts (may be null), the gates; and those of its groups and gates that run over every row of the
 * batch (the others belong to the task heads).
 */
final class ExpertLevel {
    ExpertGroup[] taskGroups;
    ExpertGroup shared;
    Gate[] taskGates;
    Gate sharedGate;
    ExpertGroup[] allRowGroups;
    Gate[] allRowGates;
    /** The first expert id after this level's experts. */
    int nextId;

    private ExpertLevel() {
    }

    /**
     * Registers the level's parameter blocks in {@code layout}, in this order: task experts (per task),
     * shared experts, the task gates (or OMoE's single gate), then the shared gate below the last level.
     */
    static ExpertLevel build(ParamLayout layout, Kernels kernels, String pre, int in, boolean last, String[] taskNames,
                             int taskExperts, List<Integer> taskHidden, int sharedExperts, List<Integer> sharedHidden,
                             boolean singleGate, double gateTemperature, int firstId) {
        int tasks = taskNames.length;
        int nextId = firstId;
        ExpertLevel lv = new ExpertLevel();
        lv.taskGroups = new ExpertGroup[tasks];
        if (taskExperts > 0) {
            for (int t = 0; t < tasks; t++) {
                lv.taskGroups[t] = new ExpertGroup(layout, pre + ".task." + taskNames[t], in, taskExperts,
                        taskHidden, nextId, last, kernels);
                nextId += taskExperts;
            }
        }
        if (sharedExperts > 0) {
            lv.shared = new ExpertGroup(layout, pre + ".shared", in, sharedExperts, sharedHidden, nextId, false,
                    kernels);
            nextId += sharedExperts;
        }
        lv.taskGates = new Gate[tasks];
        if (singleGate) {
            Gate gate = gate(layout, kernels, pre + ".gate", in, gateTemperature, Collections.singletonList(lv.shared));
            Arrays.fill(lv.taskGates, gate);
        } else {
            for (int t = 0; t < tasks; t++) {
                lv.taskGates[t] = gate(layout, kernels, pre + ".gate." + taskNames[t], in, gateTemperature,
                        Arrays.asList(lv.taskGroups[t], lv.shared));
            }
        }
        if (!last) {
            List<ExpertGroup> all = new ArrayList<>(Arrays.asList(lv.taskGroups));
            all.add(lv.shared);
            lv.sharedGate = gate(layout, kernels, pre + ".gate.shared", in, gateTemperature, all);
        }
        lv.sortByRows(last, singleGate);
        lv.nextId = nextId;
        return lv;
    }

    /**
     * Every group and gate of a level below the last runs over every row. At the last level only the
     * shared experts and OMoE's single gate do; the task gates and task experts there belong to heads.
     */
    private void sortByRows(boolean last, boolean singleGate) {
        List<ExpertGroup> groups = new ArrayList<>();
        List<Gate> gates = new ArrayList<>();
        for (ExpertGroup g : taskGroups) {
            if (g != null && !last) {
                groups.add(g);
            }
        }
        if (shared != null) {
            groups.add(shared);
        }
        for (Gate g : taskGates) {
            if (!gates.contains(g) && (!last || singleGate)) {
                gates.add(g);
            }
        }
        if (sharedGate != null) {
            gates.add(sharedGate);
        }
        allRowGroups = groups.toArray(ExpertGroup[]::new);
        allRowGates = gates.toArray(Gate[]::new);
    }

    /** A gate over every expert of {@code candidates} (null groups skipped), in order. */
    private static Gate gate(ParamLayout layout, Kernels kernels, String name, int in, double tau,
                             List<ExpertGroup> candidates) {
        List<ExpertGroup> groups = new ArrayList<>();
        List<Integer> index = new ArrayList<>();
        for (ExpertGroup g : candidates) {
            if (g != null) {
                for (int e = 0; e < g.n; e++) {
                    groups.add(g);
                    index.add(e);
                }
            }
        }
        return new Gate(layout, name, in, groups.toArray(ExpertGroup[]::new),
                index.stream().mapToInt(Integer::intValue).toArray(), tau, kernels);
    }
}

package dev.tributary.learner;

import dev.tributary.model.MultiTaskNetwork;
import dev.tributary.model.ParamLayout;
import dev.tributary.spec.DriftSignal;
import dev.tributary.spec.ReactionSpec;
import dev.tributary.spec.ReactionsSpec;
import dev.tributary.util.Rng;
import dev.tributary.util.Stateful;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the learner does when a drift alert fires for a task ({@link ReactionsSpec}):
 * <ul>
 *   <li>{@code reset-tower}: re-initialise the task's tower with the model's initialiser, from a
 *       random stream derived from the seed, the task and the model version, and zero the optimizer's
 *       state of those parameters;</li>
 *   <li>{@code boost-lr}: multiply the learning rate of the parameters the task owns alone (its tower,
 *       and its own gates and experts where the family has them) by {@code factor} for the next
 *       {@code batches} training batches; a new boost replaces a running one;</li>
 *   <li>{@code reanchor-gradnorm}: forget GradNorm's reference loss L_t(0) of the task, so that its
 *       loss after the change becomes the new reference (Chen et al. 2018 measure training rates
 *       against it).</li>
 * </ul>
 * Only alerts on the configured signals trigger, and a task's reactions then rest for
 * {@code cooldownBatches} training batches. Everything is deterministic; the cooldown and boost state
 * is part of the learner's snapshot.
 */
final class Reactions implements DriftMonitor.Reactor, Stateful {
    private final List<List<ReactionSpec>> perTask = new ArrayList<>();
    private final List<DriftSignal> triggers;
    private final int cooldown;
    private final String[] tasks;
    private final long seed;
    private final Trainer trainer;
    private final MultiTaskNetwork net;
    private final long[] lastReaction;
    private final int[] boostLeft;

    Reactions(ReactionsSpec spec, List<String> taskNames, long seed, Trainer trainer, MultiTaskNetwork net) {
        this.tasks = taskNames.toArray(String[]::new);
        for (String task : tasks) {
            perTask.add(spec.forTask(task));
        }
        this.triggers = spec.signals();
        this.cooldown = spec.cooldownBatches();
        this.seed = seed;
        this.trainer = trainer;
        this.net = net;
        this.lastReaction = new long[tasks.length];
        java.util.Arrays.fill(lastReaction, Long.MIN_VALUE);
        this.boostLeft = new int[tasks.length];
    }

    @Override
    public String react(int t, DriftSignal signal) {
        if (perTask.get(t).isEmpty() || !triggers.contains(signal)) {
            return "none";
        }
        long now = trainer.steps();
        if (lastReaction[t] != Long.MIN_VALUE && now - lastReaction[t] < cooldown) {
            return "cooldown";
        }
        lastReaction[t] = now;
        List<String> done = new ArrayList<>();
        for (ReactionSpec r : perTask.get(t)) {
            switch (r.type()) {
                case RESET_TOWER -> resetTower(t, now);
                case BOOST_LR -> {
                    trainer.taskLrScale[t] = r.factor();
                    boostLeft[t] = r.batches();
                }
                case REANCHOR_GRADNORM -> trainer.weighting().reanchor(t);
                case NONE -> {
                    continue;
                }
            }
            done.add(r.yamlName());
        }
        return done.isEmpty() ? "none" : String.join("+", done);
    }

    private void resetTower(int t, long now) {
        List<ParamLayout.Block> tower = net.towerBlocks(t);
        net.layout().initialise(trainer.params, Rng.derive(seed, "reset-tower." + tasks[t] + "." + now), tower);
        for (ParamLayout.Block b : tower) {
            trainer.optimizer().resetState(b.offset(), b.size());
        }
    }

    /** Counts one training batch against the running boosts. */
    void afterBatch() {
        for (int t = 0; t < boostLeft.length; t++) {
            if (boostLeft[t] > 0 && --boostLeft[t] == 0) {
                trainer.taskLrScale[t] = 1.0;
            }
        }
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        for (int t = 0; t < tasks.length; t++) {
            out.writeLong(lastReaction[t]);
            out.writeInt(boostLeft[t]);
            out.writeDouble(trainer.taskLrScale[t]);
        }
    }

    @Override
    public void readState(DataInput in) throws IOException {
        for (int t = 0; t < tasks.length; t++) {
            lastReaction[t] = in.readLong();
            boostLeft[t] = in.readInt();
            trainer.taskLrScale[t] = in.readDouble();
            if (boostLeft[t] < 0 || !(trainer.taskLrScale[t] > 0)) {
                throw new IOException("reaction state of task " + tasks[t] + " is corrupt: " + boostLeft[t]
                        + " boosted batches left at multiplier " + trainer.taskLrScale[t]);
            }
        }
    }
}

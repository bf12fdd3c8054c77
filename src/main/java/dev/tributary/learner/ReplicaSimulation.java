package dev.tributary.learner;

import dev.tributary.event.Event;
import dev.tributary.spec.TopologySpec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The partitioned learner in one process, for measuring what periodic averaging costs in quality: the
 * stream is split over {@code n} replicas (round-robin, or by the event's id as a key partitioner
 * would), each replica learns from its share in stream order, and every {@code syncEvery} training
 * steps of a replica its delta goes to the aggregator. A round closes when every replica has sent a
 * delta, or when a replica that is waiting has taken {@code syncEvery} more steps (so that a slow or
 * idle replica does not stall the rest); its update is merged into every replica at once. {@link
 * #finish} closes a last round with every replica's remaining progress, after which every replica
 * holds the global model.
 */
public final class ReplicaSimulation {
    /** How events are split over the replicas. */
    public enum Split {
        /** Event i to replica i mod n. */
        ROUND_ROBIN,
        /** By a hash of the event's id (events without one round-robin), as Kafka's partitioner splits keys. */
        KEY;

        public static Split parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("split must be key or round-robin, found '" + text + "'");
            }
        }
    }

    private final Replica[] replicas;
    private final DeltaMerger merger;
    private final int syncEvery;
    private final Split split;
    private final int lag;
    /** Per replica, the updates closed but not yet delivered, each with the replica's step it is due at. */
    private final ArrayDeque<Due>[] due;
    private final List<Event> one = new ArrayList<>(1);
    private long routed;
    private long rounds;
    private long mergedDeltas;

    public ReplicaSimulation(TopologySpec spec, int n, int syncEvery, Split split) {
        this(spec, n, syncEvery, split, DeltaMerger.Merge.SUM);
    }

    public ReplicaSimulation(TopologySpec spec, int n, int syncEvery, Split split, DeltaMerger.Merge merge) {
        this(spec, n, syncEvery, split, merge, 0);
    }

    /**
     * @param lag training steps a replica takes between the close of a round and the merge of its
     *            update (0: at once), as the commits between a delta's send and its update's arrival
     *            take in the streaming application
     */
    @SuppressWarnings("unchecked")
    public ReplicaSimulation(TopologySpec spec, int n, int syncEvery, Split split, DeltaMerger.Merge merge, int lag) {
        if (n < 1) {
            throw new IllegalArgumentException("replicas must be at least 1, found " + n);
        }
        if (syncEvery < 1) {
            throw new IllegalArgumentException("sync-every must be at least 1 step, found " + syncEvery);
        }
        this.replicas = new Replica[n];
        for (int i = 0; i < n; i++) {
            replicas[i] = new Replica(new Learner(spec), i);
        }
        this.merger = new DeltaMerger(replicas[0].layout(), n, 0, merge);
        this.syncEvery = syncEvery;
        this.split = split;
        if (lag < 0) {
            throw new IllegalArgumentException("lag must be at least 0 steps, found " + lag);
        }
        this.lag = lag;
        this.due = new ArrayDeque[n];
        for (int i = 0; i < n; i++) {
            due[i] = new ArrayDeque<>();
        }
    }

    /** Routes each event to its replica, which scores it and learns from it; syncs as due. */
    public void process(List<Event> events) {
        for (Event e : events) {
            Replica r = replicas[route(e)];
            one.clear();
            one.add(e);
            r.learner().process(one);
            deliver(r, false);
            if (!r.awaiting() && r.stepsSinceSync() >= syncEvery) {
                merger.add(r.delta());
                if (merger.pending() == replicas.length) {
                    closeRound();
                }
            } else if (r.awaiting() && r.stepsSinceSync() >= syncEvery) {
                closeRound();
            }
        }
    }

    private int route(Event e) {
        long i = routed++;
        if (split == Split.KEY && e.id() != null) {
            return Math.floorMod(e.id().hashCode() * 0x9E3779B9, replicas.length);
        }
        return (int) (i % replicas.length);
    }

    private void closeRound() {
        GlobalUpdate u = merger.closeRound();
        if (u == null) {
            return;
        }
        rounds++;
        mergedDeltas += u.deltas();
        for (Replica r : replicas) {
            due[r.index()].add(new Due(u, r.learner().steps() + lag));
            deliver(r, false);
        }
    }

    /** Merges into {@code r} the closed updates that are due (all of them when {@code all}). */
    private void deliver(Replica r, boolean all) {
        ArrayDeque<Due> queue = due[r.index()];
        while (!queue.isEmpty() && (all || queue.peek().step() <= r.learner().steps())) {
            r.merge(queue.poll().update());
        }
    }

    /** An update and the step of a replica from which on it is merged into it. */
    private record Due(GlobalUpdate update, long step) {
    }

    /** A last round with every replica's progress since its last delta: every replica then holds the global model. */
    public void finish() {
        if (merger.pending() > 0) {
            closeRound();
        }
        for (Replica r : replicas) {
            deliver(r, true);
        }
        for (Replica r : replicas) {
            merger.add(r.delta());
        }
        closeRound();
        for (Replica r : replicas) {
            deliver(r, true);
        }
    }

    /** Replica {@code i}'s learner. */
    public Learner learner(int i) {
        return replicas[i].learner();
    }

    public int replicas() {
        return replicas.length;
    }

    /** Rounds merged so far. */
    public long rounds() {
        return rounds;
    }

    /** Deltas merged so far, over all rounds. */
    public long mergedDeltas() {
        return mergedDeltas;
    }

    /** Training steps over all replicas. */
    public long steps() {
        long n = 0;
        for (Replica r : replicas) {
            n += r.learner().steps();
        }
        return n;
    }
}

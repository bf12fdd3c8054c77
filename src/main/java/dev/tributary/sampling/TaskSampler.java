package dev.tributary.sampling;

import dev.tributary.spec.SamplerSpec;
import dev.tributary.spec.TaskSpec;
import dev.tributary.util.Rng;
import dev.tributary.util.Stateful;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Decides which tasks' labelled examples form the next training micro-batch (DESIGN.md §1). Each
 * task has a bounded FIFO buffer of fresh examples and a replay reservoir (Vitter's Algorithm R);
 * each batch slot goes to a task drawn from the probabilities {@code p} of the configured
 * {@link dev.tributary.spec.SamplerType} (see {@link #probabilities()}).
 *
 * <p>Lifecycle: {@link #offer} every labelled example as it arrives; form a batch with
 * {@link #nextBatch} once per {@code B} arrivals ({@code pending() >= B}), or on a timeout with
 * {@code pending()} examples; report each task's training loss with {@link #reportLoss} (used by the
 * ADAPTIVE sampler). Training therefore keeps pace with arrivals, and the sampler decides the mix:
 * <ul>
 *   <li>A slot takes the oldest example of its task's buffer ("trained"). If that buffer is empty
 *       it replays a uniformly chosen example from the task's reservoir ("replayed", with
 *       replacement), so a scarce task still gets its share {@code p_i} of the slots.</li>
 *   <li>An abundant task's buffer fills up; an arrival to a full buffer drops its oldest example
 *       ("subsampled").</li>
 *   <li>A task with neither buffered nor reservoir examples cannot fill a slot: the slot is redrawn
 *       from {@code p} restricted to the tasks that can (uniformly among them if those all have
 *       {@code p = 0}).</li>
 *   <li>A batch is formed only while at least one fresh example is buffered, and always contains
 *       one: if the first {@code size - 1} slots were all replays, the last is drawn among tasks with
 *       buffered examples. Pure replay batches would repeat old data at the rate of the caller's
 *       calls, not of arrivals.</li>
 * </ul>
 * Forming batches whenever {@code buffered() >= B} instead would let the abundant task's backlog
 * trigger batch after batch of mostly replayed examples: training would follow the backlog rather
 * than the arrivals. A batch is shorter than asked only when no task has anything left to give
 * (no reservoir configured and the buffers ran dry).
 *
 * <p>Every random draw comes from {@link Rng}s derived from the seed, and all mutable state,
 * including the buffered and reservoir examples (through the {@link ExampleCodec}) and the
 * generators' states, is written by {@link #writeState}: same seed, same offers and same calls give
 * identical batches, also across a snapshot and restore. Not thread-safe. Examples are held by
 * reference and may be handed out more than once (replay), so they should be immutable.
 *
 * @param <E> the example type; never inspected
 */
public final class TaskSampler<E> implements Stateful {
    /** Version of the {@link #writeState} layout. */
    public static final int FORMAT_VERSION = 1;

    private final SamplerSpec spec;
    private final List<String> taskNames;
    private final long seed;
    private final ExampleCodec<E> codec;
    private final Rng rng;
    private final double[] p;
    private final double[] drawWeights;
    private TaskMix mix;
    private List<TaskLane<E>> lanes;
    private int buffered;
    private long pending;

    /**
     * @param spec      sampler type, buffer and reservoir capacities, weights, temperature, window
     * @param taskNames the tasks, in the index order used by every other method
     * @param seed      the topology seed; the sampler draws from {@code Rng.derive(seed, "sampler")}
     * @param codec     writes and reads examples for {@link #writeState}/{@link #readState}
     * @throws IllegalArgumentException naming the bad value if the configuration is invalid
     */
    public TaskSampler(SamplerSpec spec, List<String> taskNames, long seed, ExampleCodec<E> codec) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.taskNames = List.copyOf(Objects.requireNonNull(taskNames, "taskNames"));
        this.codec = Objects.requireNonNull(codec, "codec");
        this.seed = seed;
        checkTaskNames(this.taskNames);
        this.mix = new TaskMix(spec, this.taskNames);
        this.lanes = newLanes();
        this.rng = Rng.derive(seed, "sampler");
        this.p = new double[this.taskNames.size()];
        this.drawWeights = new double[this.taskNames.size()];
    }

    /** A sampler over the given tasks, in their order. */
    public static <E> TaskSampler<E> forTasks(SamplerSpec spec, List<TaskSpec> tasks, long seed,
                                              ExampleCodec<E> codec) {
        Objects.requireNonNull(tasks, "tasks");
        return new TaskSampler<>(spec, tasks.stream().map(TaskSpec::name).toList(), seed, codec);
    }

    private static void checkTaskNames(List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("sampler needs at least one task, found none");
        }
        if (new HashSet<>(names).size() != names.size()) {
            throw new IllegalArgumentException("sampler task names must be unique, found " + names);
        }
    }

    private List<TaskLane<E>> newLanes() {
        List<TaskLane<E>> result = new ArrayList<>(taskNames.size());
        for (String name : taskNames) {
            result.add(new TaskLane<>(name, spec.bufferCapacity(), spec.reservoirCapacity(),
                    Rng.derive(seed, "sampler.reservoir." + name)));
        }
        return result;
    }

    public int taskCount() {
        return taskNames.size();
    }

    public List<String> taskNames() {
        return taskNames;
    }

    /** Adds a labelled example of {@code task} to its buffer and its reservoir. */
    public void offer(int task, E example) {
        checkTask(task);
        Objects.requireNonNull(example, "example");
        TaskLane<E> lane = lanes.get(task);
        int before = lane.buffered();
        lane.offer(example);
        buffered += lane.buffered() - before;
        mix.arrived(task);
        pending++;
    }

    /** Fresh examples waiting in all buffers. */
    public int buffered() {
        return buffered;
    }

    /** Fresh examples waiting in the task's buffer. */
    public int buffered(int task) {
        checkTask(task);
        return lanes.get(task).buffered();
    }

    /**
     * Examples offered that no batch has accounted for yet: each batch of {@code n} examples accounts
     * for {@code n} of them (never going below 0). Form a batch when this reaches the batch size.
     */
    public long pending() {
        return pending;
    }

    /**
     * Fills a training batch of up to {@code size} examples; see the class comment for the rules.
     *
     * @param size     slots to fill, positive
     * @param out      cleared, then receives the examples in slot order
     * @param outTasks receives the task index of each slot; length at least {@code size}
     * @return the number of examples placed: 0 (and no state change) when no fresh example is
     *     buffered; less than {@code size} only when every task ran out of examples
     */
    public int nextBatch(int size, List<? super E> out, int[] outTasks) {
        if (size < 1) {
            throw new IllegalArgumentException("batch size must be positive, found " + size);
        }
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(outTasks, "outTasks");
        if (outTasks.length < size) {
            throw new IllegalArgumentException("outTasks has room for " + outTasks.length
                    + " tasks, batch size is " + size);
        }
        out.clear();
        if (buffered == 0) {
            return 0;
        }
        mix.probabilities(p);
        boolean hasFresh = false;
        int filled = 0;
        while (filled < size) {
            int task = drawTask(!hasFresh && filled == size - 1);
            if (task < 0) {
                break;
            }
            TaskLane<E> lane = lanes.get(task);
            if (lane.hasFresh()) {
                out.add(lane.takeFresh());
                buffered--;
                hasFresh = true;
            } else {
                out.add(lane.replay(rng));
            }
            outTasks[filled++] = task;
        }
        pending = Math.max(0, pending - filled);
        return filled;
    }

    /** Draws a task from p among those that can fill a slot; -1 if none can. */
    private int drawTask(boolean freshOnly) {
        double total = 0.0;
        int eligible = 0;
        for (int i = 0; i < drawWeights.length; i++) {
            TaskLane<E> lane = lanes.get(i);
            boolean ok = freshOnly ? lane.hasFresh() : lane.hasContent();
            drawWeights[i] = ok ? p[i] : 0.0;
            total += drawWeights[i];
            eligible += ok ? 1 : 0;
        }
        if (eligible == 0) {
            return -1;
        }
        if (total > 0.0) {
            double u = rng.nextDouble() * total;
            int lastPositive = -1;
            for (int i = 0; i < drawWeights.length; i++) {
                if (drawWeights[i] > 0.0) {
                    u -= drawWeights[i];
                    lastPositive = i;
                    if (u < 0.0) {
                        return i;
                    }
                }
            }
            return lastPositive; // rounding left u a hair above 0
        }
        int k = rng.nextInt(eligible);
        for (int i = 0; i < drawWeights.length; i++) {
            TaskLane<E> lane = lanes.get(i);
            if ((freshOnly ? lane.hasFresh() : lane.hasContent()) && k-- == 0) {
                return i;
            }
        }
        throw new IllegalStateException("no eligible task although " + eligible + " were counted");
    }

    /**
     * Reports a recent training loss of {@code task} (e.g. its mean over the task's rows of the last
     * batch); the ADAPTIVE sampler favours tasks whose moving average loss is high. Others ignore it.
     */
    public void reportLoss(int task, double loss) {
        checkTask(task);
        if (!Double.isFinite(loss)) {
            throw new IllegalArgumentException("loss of task '" + taskNames.get(task) + "' must be finite, found "
                    + loss);
        }
        mix.reportLoss(task, loss);
    }

    /**
     * The current task probabilities, one per task, summing to 1 over the tasks that have had an
     * example (all 0 before the first). The next batch draws from these (before restricting to tasks
     * that can fill a slot).
     */
    public double[] probabilities() {
        double[] result = new double[taskNames.size()];
        mix.probabilities(result);
        return result;
    }

    /** What the sampler did with the task's examples so far. */
    public TaskCounters counters(int task) {
        checkTask(task);
        return lanes.get(task).counters();
    }

    /** {@link #counters(int)} of every task, in task order. */
    public List<TaskCounters> counters() {
        return lanes.stream().map(TaskLane::counters).toList();
    }

    private void checkTask(int task) {
        if (task < 0 || task >= taskNames.size()) {
            throw new IndexOutOfBoundsException("task must be in [0, " + taskNames.size() + "), found " + task);
        }
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeInt(FORMAT_VERSION);
        out.writeInt(taskNames.size());
        for (String name : taskNames) {
            out.writeUTF(name);
        }
        out.writeLong(rng.state());
        out.writeLong(pending);
        mix.writeState(out);
        for (TaskLane<E> lane : lanes) {
            lane.writeState(out, codec);
        }
    }

    /**
     * Restores state written by {@link #writeState} of a sampler over the same tasks. The layout does
     * not depend on the sampler type, so type, weights, temperature and window may change across a
     * restart; the buffered and reservoir examples must fit this sampler's capacities. The state is
     * read completely before any of it is applied: on an error this sampler is left unchanged.
     */
    @Override
    public void readState(DataInput in) throws IOException {
        int version = in.readInt();
        if (version != FORMAT_VERSION) {
            throw new IOException("sampler snapshot has format version " + version + "; this build reads "
                    + FORMAT_VERSION);
        }
        int tasks = in.readInt();
        if (tasks < 0 || tasks > 1_000_000) {
            throw new IOException("sampler snapshot is corrupt: task count " + tasks);
        }
        List<String> names = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            names.add(in.readUTF());
        }
        if (!names.equals(taskNames)) {
            throw new IOException("sampler snapshot is of tasks " + names + ", this sampler's are " + taskNames);
        }
        long rngState = in.readLong();
        long pendingRead = in.readLong();
        if (pendingRead < 0) {
            throw new IOException("sampler snapshot is corrupt: pending " + pendingRead);
        }
        TaskMix mixRead = mix.copy();
        mixRead.readState(in);
        List<TaskLane<E>> lanesRead = newLanes();
        int bufferedRead = 0;
        for (TaskLane<E> lane : lanesRead) {
            lane.readState(in, codec);
            bufferedRead += lane.buffered();
        }
        rng.setState(rngState);
        pending = pendingRead;
        mix = mixRead;
        lanes = lanesRead;
        buffered = bufferedRead;
    }
}

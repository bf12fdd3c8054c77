package dev.tributary.sampling;

import dev.tributary.spec.SamplerSpec;
import dev.tributary.spec.SamplerType;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The task probabilities {@code p} of a {@link TaskSampler} and the moving statistics they come from.
 *
 * <ul>
 *   <li>UNIFORM: {@code p_i = 1/T}.</li>
 *   <li>STATIC: {@code p_i ∝ w_i}, the spec's weight (missing tasks weigh 1).</li>
 *   <li>PROPORTIONAL: {@code p_i ∝ n_i}, the exponential moving arrival count: every arrival of any
 *       task multiplies all counts by {@code 1 - 1/window}, then adds 1 to its own task's count.</li>
 *   <li>TEMPERATURE: {@code p_i ∝ n_i^(1/τ)} (Arivazhagan et al., "Massively multilingual neural
 *       machine translation in the wild", 2019), computed in log space so small τ cannot overflow.</li>
 *   <li>ADAPTIVE: {@code p_i ∝ exp(L_i/τ)}, {@code L_i} the exponential moving average (rate
 *       {@code 1/window}) of the losses reported for task i; a task with no loss yet takes the mean
 *       of the others' averages, or 0 if none has one.</li>
 * </ul>
 * A task that has never had an example gets probability 0 and the rest renormalise; before any
 * example every probability is 0. {@link StrictMath} keeps the numbers identical on every JVM, so a
 * snapshot restored elsewhere continues bit-identically.
 */
final class TaskMix {
    private final SamplerSpec spec;
    private final List<String> names;
    private final SamplerType type;
    private final double[] staticWeights;
    private final double decay;
    private final double lossRate;
    private final double temperature;

    private long clock;
    private final boolean[] hasData;
    private final double[] count;
    private final long[] countedAt;
    private final boolean[] hasLoss;
    private final double[] loss;

    TaskMix(SamplerSpec spec, List<String> names) {
        this.spec = spec;
        this.names = names;
        this.type = spec.type();
        this.staticWeights = staticWeights(spec.weights(), names);
        boolean windowed = type == SamplerType.PROPORTIONAL || type == SamplerType.TEMPERATURE
                || type == SamplerType.ADAPTIVE;
        // SamplerSpec guarantees window >= 1, a positive finite temperature and weights.
        this.decay = windowed ? 1.0 - 1.0 / spec.window() : 0.0;
        this.lossRate = windowed ? 1.0 / spec.window() : 1.0;
        this.temperature = spec.temperature();
        int tasks = names.size();
        this.hasData = new boolean[tasks];
        this.count = new double[tasks];
        this.countedAt = new long[tasks];
        this.hasLoss = new boolean[tasks];
        this.loss = new double[tasks];
    }

    private static double[] staticWeights(Map<String, Double> weights, List<String> names) {
        double[] result = new double[names.size()];
        Arrays.fill(result, 1.0);
        for (Map.Entry<String, Double> entry : weights.entrySet()) {
            int task = names.indexOf(entry.getKey());
            if (task < 0) {
                throw new IllegalArgumentException("sampler weights name unknown task '" + entry.getKey()
                        + "'; the tasks are " + names);
            }
            result[task] = entry.getValue();
        }
        return result;
    }

    /** A mix with the same configuration and fresh state. */
    TaskMix copy() {
        return new TaskMix(spec, names);
    }

    void arrived(int task) {
        clock++;
        count[task] = movingCount(task) + 1.0;
        countedAt[task] = clock;
        hasData[task] = true;
    }

    void reportLoss(int task, double value) {
        loss[task] = hasLoss[task] ? loss[task] + lossRate * (value - loss[task]) : value;
        hasLoss[task] = true;
    }

    /** The exponential moving arrival count of the task now. */
    double movingCount(int task) {
        return count[task] == 0.0 ? 0.0 : count[task] * StrictMath.pow(decay, clock - countedAt[task]);
    }

    /** Writes the current probabilities into {@code out} (length = task count). */
    void probabilities(double[] out) {
        switch (type) {
            case UNIFORM -> Arrays.fill(out, 1.0);
            case STATIC -> System.arraycopy(staticWeights, 0, out, 0, out.length);
            case PROPORTIONAL -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = movingCount(i);
                }
            }
            case TEMPERATURE -> temperatureWeights(out);
            case ADAPTIVE -> adaptiveWeights(out);
        }
        double sum = 0.0;
        for (int i = 0; i < out.length; i++) {
            if (!hasData[i]) {
                out[i] = 0.0;
            }
            sum += out[i];
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = sum > 0.0 ? out[i] / sum : 0.0;
        }
    }

    private void temperatureWeights(double[] out) {
        double maxLog = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < out.length; i++) {
            double n = movingCount(i);
            out[i] = n > 0.0 ? StrictMath.log(n) / temperature : Double.NEGATIVE_INFINITY;
            maxLog = Math.max(maxLog, out[i]);
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = out[i] == Double.NEGATIVE_INFINITY ? 0.0 : StrictMath.exp(out[i] - maxLog);
        }
    }

    private void adaptiveWeights(double[] out) {
        double sum = 0.0;
        int reported = 0;
        for (int i = 0; i < out.length; i++) {
            if (hasLoss[i]) {
                sum += loss[i];
                reported++;
            }
        }
        double mean = reported > 0 ? sum / reported : 0.0;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < out.length; i++) {
            out[i] = (hasLoss[i] ? loss[i] : mean) / temperature;
            if (hasData[i]) {
                max = Math.max(max, out[i]);
            }
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = hasData[i] ? StrictMath.exp(out[i] - max) : 0.0;
        }
    }

    void writeState(DataOutput out) throws IOException {
        out.writeLong(clock);
        for (int i = 0; i < hasData.length; i++) {
            out.writeBoolean(hasData[i]);
            out.writeDouble(count[i]);
            out.writeLong(countedAt[i]);
            out.writeBoolean(hasLoss[i]);
            out.writeDouble(loss[i]);
        }
    }

    /** Reads into this freshly built mix. */
    void readState(DataInput in) throws IOException {
        clock = in.readLong();
        for (int i = 0; i < hasData.length; i++) {
            hasData[i] = in.readBoolean();
            count[i] = in.readDouble();
            countedAt[i] = in.readLong();
            hasLoss[i] = in.readBoolean();
            loss[i] = in.readDouble();
            if (countedAt[i] > clock || !Double.isFinite(loss[i]) || !(count[i] >= 0)) {
                throw new IOException("snapshot sampler statistics of task '" + names.get(i) + "' are corrupt");
            }
        }
    }
}

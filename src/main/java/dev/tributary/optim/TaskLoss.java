package dev.tributary.optim;

import dev.tributary.features.Batch;
import dev.tributary.spec.TaskKind;

/**
 * A task's output transform and loss, fused so that the gradient with respect to the raw output is
 * exact and numerically stable:
 * <ul>
 *   <li>binary: {@code p = σ(z)}, {@code ℓ = −y·log p − (1−y)·log(1−p)}, {@code ∂ℓ/∂z = p − y};</li>
 *   <li>multiclass: {@code p = softmax(z)}, {@code ℓ = −log p_y}, {@code ∂ℓ/∂z = p − onehot(y)};</li>
 *   <li>regression: {@code ŷ = z} (on the standardised target scale), {@code ℓ = ½(z − y)²},
 *       {@code ∂ℓ/∂z = z − y}.</li>
 * </ul>
 * A row's loss counts only for the task whose label it carries ({@link Batch#task}).
 */
public interface TaskLoss {

    /**
     * For every row whose {@code batch.task[r] == task}, writes {@code scale·∂ℓ/∂z}
     * into {@code grad}; other rows get 0. Returns {@code Σ ℓ} over the task's rows.
     *
     * @param out  the task's raw outputs, rows × outputs
     * @param grad where the scaled output gradient is written, rows × outputs
     */
    double lossAndGrad(float[] out, Batch batch, int task, double scale, float[] grad);

    /** Σ ℓ over the task's rows, without gradients. */
    double loss(float[] out, Batch batch, int task);

    /**
     * The prediction of one row from its raw outputs: a probability (binary), a class distribution
     * (multiclass) or the standardised value (regression), written into {@code dst}.
     */
    void score(float[] out, int row, double[] dst);

    /** Raw outputs per row. */
    int outputs();

    static TaskLoss forKind(TaskKind kind, int classes) {
        return switch (kind) {
            case BINARY -> new BinaryLoss();
            case MULTICLASS -> new MulticlassLoss(classes);
            case REGRESSION -> new RegressionLoss();
        };
    }
}

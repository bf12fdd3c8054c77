package dev.tributary.spec;

import java.util.Objects;

/**
 * The optimizer and its hyper-parameters.
 *
 * @param type         SGD, AdaGrad or Adam
 * @param learningRate step size, positive
 * @param beta1        Adam first-moment decay (SGD: momentum, 0 = plain SGD)
 * @param beta2        Adam second-moment decay
 * @param epsilon      denominator guard (AdaGrad, Adam)
 * @param clipNorm     global gradient-norm clip, 0 = off
 * @param weightDecay  decoupled weight decay per step, 0 = off
 * @param embeddings   how the embedding tables are updated: lazily, row by row (the default), or densely
 */
public record OptimizerSpec(OptimizerType type, double learningRate, double beta1, double beta2, double epsilon,
                            double clipNorm, double weightDecay, EmbeddingUpdate embeddings) {
    public OptimizerSpec {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(embeddings, "embeddings");
        Require.positive("learningRate", learningRate);
        Require.unitInterval("beta1", beta1);
        Require.unitInterval("beta2", beta2);
        Require.positive("epsilon", epsilon);
        Require.nonNegative("clipNorm", clipNorm);
        Require.nonNegative("weightDecay", weightDecay);
    }

    /** An optimizer with lazy embedding updates. */
    public OptimizerSpec(OptimizerType type, double learningRate, double beta1, double beta2, double epsilon,
                         double clipNorm, double weightDecay) {
        this(type, learningRate, beta1, beta2, epsilon, clipNorm, weightDecay, EmbeddingUpdate.LAZY);
    }

    /** The same optimizer updating the embedding tables as given. */
    public OptimizerSpec withEmbeddings(EmbeddingUpdate update) {
        return new OptimizerSpec(type, learningRate, beta1, beta2, epsilon, clipNorm, weightDecay, update);
    }

    /**
     * The defaults for {@code type}: learning rate 0.001 for Adam and 0.01 for SGD and AdaGrad; beta1 0.9
     * for Adam and 0 (no momentum) otherwise; beta2 0.999; epsilon 1e-8; no clipping; no weight decay; lazy embedding updates.
     */
    public static OptimizerSpec defaults(OptimizerType type) {
        boolean adam = type == OptimizerType.ADAM;
        return new OptimizerSpec(type, adam ? 0.001 : 0.01, adam ? 0.9 : 0.0, 0.999, 1e-8, 0.0, 0.0);
    }
}

package dev.tributary.spec;

/** How a training step updates the embedding tables ({@code optimizer.embeddings}). */
public enum EmbeddingUpdate {
    /**
     * Only the rows the batch touched, each as its own next update (row-wise lazy Adam, AdaGrad or
     * SGD): a step costs the rows it touches, whatever the size of the tables. The default.
     */
    LAZY,
    /** Every row at every step, as for the dense layers (Adam moves untouched rows by their momentum). */
    DENSE
}

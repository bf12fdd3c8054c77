package dev.tributary.spec;

/** The parameter update rule. */
public enum OptimizerType {
    SGD, ADAGRAD, ADAM
}

/**
 * The Kafka-free learner: {@link dev.tributary.learner.Learner} with {@code check}, {@code process}
 * (predict, then learn), {@code predict}, {@code snapshot} and {@code restore}, and the versioned
 * snapshot codec. Everything here can be embedded without Kafka.
 */
package dev.tributary.learner;

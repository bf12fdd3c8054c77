/**
 * Small building blocks every other package may use: a checkpointable random number generator and
 * the {@link dev.tributary.util.Stateful} contract for snapshot state. Imports nothing of Tributary.
 */
package dev.tributary.util;

/**
 * The learning topology spec: YAML files parsed into immutable records and validated up front, with
 * errors that name the file, the key, the bad value and what is allowed.
 *
 * <p>{@link dev.tributary.spec.SpecLoader} is the entry point: it reads a file (or text) into a
 * {@link dev.tributary.spec.TopologySpec} or throws a {@link dev.tributary.spec.SpecException}. The
 * records ({@code TaskSpec}, {@code FeatureSpec}, {@code ModelSpec}, ...) are plain immutable values that
 * the other packages read; they can also be built in code, starting from their {@code defaults()}.
 * Every YAML key, its default and allowed values are documented in {@code docs/spec.md}.
 */
package dev.tributary.spec;

/**
 * The learning topology spec: YAML files parsed into immutable records and validated up front, with
 * errors that name the file, the key, the bad value and what is allowed.
 */
package dev.tributary.spec;

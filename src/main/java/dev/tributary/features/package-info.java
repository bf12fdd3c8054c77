/**
 * Feature encoding: numeric inputs standardised online, categorical strings hashed into a bounded
 * number of learned embedding rows, missing and unknown features handled without error. Memory is
 * bounded by the spec, whatever arrives. No Kafka here.
 */
package dev.tributary.features;

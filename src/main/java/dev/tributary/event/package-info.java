/**
 * Wire records: the decoded input {@link dev.tributary.event.Event}, its JSON codec and validation
 * with reasons (DESIGN.md §2).
 *
 * <p>{@link dev.tributary.event.EventCodec} turns one record's bytes into an {@code Event} or refuses
 * it with an {@link dev.tributary.event.EventDecodeException} carrying a
 * {@link dev.tributary.event.DeadLetterReason} code and a message naming the field and value;
 * {@link dev.tributary.event.EventLimits} bounds what one record may cost. Given the topology's
 * {@link dev.tributary.event.FeatureSchema}, the codec decodes features straight into their slots
 * ({@link dev.tributary.event.FeatureValues}, still a {@code Map} to everyone else), which is how the
 * streaming learner reads them.
 * What a refused record becomes on the dead-letter topic is {@link dev.tributary.records.DeadLetter}.
 * Pure Java and Jackson: no Kafka here.
 */
package dev.tributary.event;

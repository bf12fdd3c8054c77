package dev.tributary.sampling;

/**
 * What the sampler did with one task's examples so far, for metrics publishing. At any moment
 * {@code arrived == trained + subsampled + buffered}; {@code trained + replayed} is the number of
 * batch slots the task has filled.
 *
 * @param task       the task's name
 * @param arrived    examples offered
 * @param trained    fresh examples placed in a batch (each at most once)
 * @param replayed   batch slots filled from the replay reservoir because the buffer was empty
 * @param subsampled examples dropped unseen because the buffer was full when a newer one arrived
 * @param buffered   examples waiting in the buffer now
 * @param reservoir  examples held in the replay reservoir now
 */
public record TaskCounters(String task, long arrived, long trained, long replayed, long subsampled, int buffered,
                           int reservoir) {
}

package dev.tributary.streams;

/**
 * What a learner replica needs beyond the single learner's settings (partitioned mode).
 *
 * @param settings how it syncs
 * @param deltas   the topic it sends its deltas to ({@link TopicNames#deltas})
 * @param global   the topic its updates come from ({@link TopicNames#global}), one of its inputs
 */
record ReplicaTopics(SyncSettings settings, String deltas, String global) {
    static ReplicaTopics of(String applicationId, SyncSettings settings) {
        return new ReplicaTopics(settings, TopicNames.deltas(applicationId), TopicNames.global(applicationId));
    }
}

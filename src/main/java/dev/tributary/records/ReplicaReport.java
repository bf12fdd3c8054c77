package dev.tributary.records;

/**
 * A replica's sync, as its metrics records carry it.
 *
 * @param index           the replica (its input partition)
 * @param globalVersion   the global version it merged last
 * @param stepsAhead      training steps it took since that merge (its model's lead over the global one)
 * @param msSinceMerge    wall-clock ms since that merge, -1 before the first
 * @param deltasSent      deltas it sent
 * @param waitsSent       wait records it sent
 * @param bytesSent       bytes of deltas and wait records it sent
 * @param updatesMerged   global updates it merged
 * @param duplicates      global updates it read again and skipped
 * @param waiting         whether a delta of its waits to be merged
 * @param lastSyncLagMs   wall-clock ms from sending its last merged delta to merging it, -1 before the first
 * @param maxSyncLagMs    the largest such time, -1 before the first
 * @param holds           times it held its events because its waiting delta had maxAhead steps behind it
 * @param holdsExpired    holds that ended by their time or size bound rather than by the update
 */
public record ReplicaReport(int index, long globalVersion, long stepsAhead, long msSinceMerge, long deltasSent,
                            long waitsSent, long bytesSent, long updatesMerged, long duplicates, boolean waiting,
                            long lastSyncLagMs, long maxSyncLagMs, long holds, long holdsExpired) {
}

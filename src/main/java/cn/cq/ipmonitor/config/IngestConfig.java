package cn.cq.ipmonitor.config;

/**
 * How events flow from Kafka into the shared state.
 *
 * @param instances          consumer verticles per node (one per event loop scales the JSON parsing)
 * @param maxInFlightBatches batches written to Hazelcast at once per consumer (committed in order)
 * @param maxPendingEvents   the consumer pauses while this many events wait for a free batch slot
 * @param maxFutureSkewMs    events dated further in the future than this are rejected
 * @param dedupRetentionDays live state recognises a repeated eventId for this many days of arrival
 * @param lagIntervalMs      how often consumer lag is measured
 * @param maxPollRecords     Kafka max.poll.records
 * @param readyMaxLag        a node is ready once its lag is at most this many records
 * @param rebuildFromKafka   when a cluster starts with no state but the group has committed offsets (a
 *                           whole-cluster restart), rewind the group to re-read the last {@code rebuildDays}
 * @param rebuildDays        how far back a rebuild from Kafka re-reads, by record timestamp; 0 re-reads all the
 *                           topic keeps (registry events may be older than any window)
 */
public record IngestConfig(int instances, int maxInFlightBatches, int maxPendingEvents,
                           long maxFutureSkewMs, int dedupRetentionDays, long lagIntervalMs, int maxPollRecords,
                           long readyMaxLag, boolean rebuildFromKafka, int rebuildDays) {
}

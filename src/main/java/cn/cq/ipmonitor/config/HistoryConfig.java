package cn.cq.ipmonitor.config;

/**
 * Where and how history is kept (PostgreSQL, TimescaleDB when the server has it).
 *
 * @param enabled            keep history at all
 * @param embedded           start an in-process-managed PostgreSQL (zonky binaries) instead of using host/port
 * @param embeddedDataDir    the embedded server's data directory; empty for a temporary one
 * @param host               the server; ignored when {@code embedded}
 * @param port               its port; with {@code embedded}, 0 picks a free one
 * @param database           the database (created by the embedded server when missing)
 * @param user               login role
 * @param password           its password; empty for none (the embedded server trusts loopback connections)
 * @param poolSize           connections in the pool; at least {@code maxInFlightBatches} plus a few for queries
 * @param batchRows          events per multi-row insert (INFRA-NOTES: ~1000 is the sweet spot)
 * @param maxInFlightBatches batch transactions under way at once per writer
 * @param maxPendingRows     the writer's consumer pauses while this many decoded events wait for a batch slot
 * @param maxPollRecords     Kafka max.poll.records of the writer's consumer
 * @param groupSuffix        the writer's consumer group is {@code kafka.groupId + groupSuffix}
 * @param retryInitialMs     first back-off after a failed batch; doubles up to {@code retryMaxMs}
 * @param retryMaxMs         longest back-off
 * @param zone               the zone of day and month buckets
 * @param timescale          TimescaleDB settings, used only when the server has the extension
 */
public record HistoryConfig(boolean enabled, boolean embedded, String embeddedDataDir, String host, int port,
                            String database, String user, String password, int poolSize, int batchRows,
                            int maxInFlightBatches, int maxPendingRows, int maxPollRecords, String groupSuffix,
                            long retryInitialMs, long retryMaxMs, String zone, Timescale timescale) {

  /**
   * TimescaleDB policies.
   *
   * @param enabled                use TimescaleDB when the server has it (false forces the plain fallback)
   * @param chunkDays              raw-event chunk interval
   * @param retentionDays          raw events older than this are dropped (rollups stay)
   * @param compressAfterDays      raw-event chunks older than this are compressed
   * @param refreshIntervalMinutes how often the continuous aggregates are refreshed
   * @param refreshWindowDays      how far back a refresh looks for late events; must stay below
   *                               {@code retentionDays}, or a refresh would erase rollups of dropped chunks
   */
  public record Timescale(boolean enabled, int chunkDays, int retentionDays, int compressAfterDays,
                          int refreshIntervalMinutes, int refreshWindowDays) {
  }

  /** The same settings pointing at a server that is now running (the embedded one, once started). */
  public HistoryConfig withServer(String newHost, int newPort) {
    return new HistoryConfig(enabled, embedded, embeddedDataDir, newHost, newPort, database, user, password, poolSize,
        batchRows, maxInFlightBatches, maxPendingRows, maxPollRecords, groupSuffix, retryInitialMs, retryMaxMs, zone,
        timescale);
  }

  /** These settings, enabled, for a server that runs elsewhere at {@code host:port}. */
  public HistoryConfig enabledAt(String newHost, int newPort) {
    return new HistoryConfig(true, false, embeddedDataDir, newHost, newPort, database, user, password, poolSize,
        batchRows, maxInFlightBatches, maxPendingRows, maxPollRecords, groupSuffix, retryInitialMs, retryMaxMs, zone,
        timescale);
  }

  /** The writer's own consumer group: it keeps its own position, independent of the live ingest. */
  public String groupId(String monitorGroupId) {
    return monitorGroupId + groupSuffix;
  }
}

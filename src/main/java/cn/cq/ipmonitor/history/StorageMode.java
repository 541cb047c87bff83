package cn.cq.ipmonitor.history;

/** How rollups are kept, decided once when the schema is first created and recorded in it. */
public enum StorageMode {
  /** TimescaleDB: raw events in a hypertable, rollups as continuous aggregates refreshed by policies. */
  TIMESCALE,
  /** Plain PostgreSQL: the same rollups as ordinary tables, maintained by the writer in each batch. */
  PLAIN
}

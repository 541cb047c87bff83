-- The fallback without TimescaleDB: the same relations the continuous aggregates provide, as tables the
-- writer adds to in the transaction that inserts the raw events. One column per counter (HistoryCounters).
CREATE TABLE IF NOT EXISTS rollup_minute (
  agency_id text        NOT NULL,
  bucket    timestamptz NOT NULL,
  ${counterColumns},
  PRIMARY KEY (agency_id, bucket)
);
CREATE INDEX IF NOT EXISTS rollup_minute_bucket ON rollup_minute (bucket);

CREATE TABLE IF NOT EXISTS rollup_hour (
  agency_id text        NOT NULL,
  bucket    timestamptz NOT NULL,
  ${counterColumns},
  PRIMARY KEY (agency_id, bucket)
);
CREATE INDEX IF NOT EXISTS rollup_hour_bucket ON rollup_hour (bucket);

-- Days are calendar days of ${zone}: bucket is the start of the local day.
CREATE TABLE IF NOT EXISTS rollup_day (
  agency_id text        NOT NULL,
  bucket    timestamptz NOT NULL,
  ${counterColumns},
  PRIMARY KEY (agency_id, bucket)
);
CREATE INDEX IF NOT EXISTS rollup_day_bucket ON rollup_day (bucket);

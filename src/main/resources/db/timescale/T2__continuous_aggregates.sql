-- Rollups as continuous aggregates, under the names of the fallback's tables so that queries are the same.
-- WITH NO DATA: creating WITH DATA cannot run in a transaction; the refresh policies fill them.
-- materialized_only = false: answers include events not yet materialised (real-time aggregation).
CREATE MATERIALIZED VIEW IF NOT EXISTS rollup_minute
WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
SELECT agency_id, time_bucket(INTERVAL '1 minute', occurred_at) AS bucket,
  ${sumExpressions}
FROM raw_events
GROUP BY agency_id, time_bucket(INTERVAL '1 minute', occurred_at)
WITH NO DATA;

CREATE MATERIALIZED VIEW IF NOT EXISTS rollup_hour
WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
SELECT agency_id, time_bucket(INTERVAL '1 hour', occurred_at) AS bucket,
  ${sumExpressions}
FROM raw_events
GROUP BY agency_id, time_bucket(INTERVAL '1 hour', occurred_at)
WITH NO DATA;

-- Calendar days of ${zone} (time_bucket with a time zone, TimescaleDB 2.8 and later).
CREATE MATERIALIZED VIEW IF NOT EXISTS rollup_day
WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
SELECT agency_id, time_bucket(INTERVAL '1 day', occurred_at, '${zone}') AS bucket,
  ${sumExpressions}
FROM raw_events
GROUP BY agency_id, time_bucket(INTERVAL '1 day', occurred_at, '${zone}')
WITH NO DATA;

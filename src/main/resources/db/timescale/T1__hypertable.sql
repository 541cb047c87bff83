CREATE EXTENSION IF NOT EXISTS timescaledb;

-- A hypertable's unique keys must contain its time column. A redelivered event has the same occurredAt, so
-- (event_id, occurred_at) still refuses every redelivery; ON CONFLICT DO NOTHING names no key and works
-- with either.
ALTER TABLE raw_events DROP CONSTRAINT IF EXISTS raw_events_pkey;
ALTER TABLE raw_events ADD CONSTRAINT raw_events_pkey PRIMARY KEY (event_id, occurred_at);

SELECT create_hypertable('raw_events', 'occurred_at', chunk_time_interval => INTERVAL '${chunkDays} days',
                         if_not_exists => TRUE, migrate_data => TRUE);

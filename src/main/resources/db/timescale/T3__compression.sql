-- Compression settings cannot change once chunks are compressed: set once here; the policy's age is in
-- policies.sql, re-applied at every start.
ALTER TABLE raw_events SET (timescaledb.compress, timescaledb.compress_segmentby = 'agency_id',
                            timescaledb.compress_orderby = 'occurred_at DESC');

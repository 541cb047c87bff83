-- Re-applied at every start, so changed settings take effect. The refresh window stays below the retention
-- (checked in code): refreshing a range whose raw chunks were dropped would erase its rollups.
SELECT remove_retention_policy('raw_events', if_exists => TRUE);
SELECT add_retention_policy('raw_events', INTERVAL '${retentionDays} days');
SELECT remove_compression_policy('raw_events', if_exists => TRUE);
SELECT add_compression_policy('raw_events', INTERVAL '${compressAfterDays} days');
SELECT remove_continuous_aggregate_policy('rollup_minute', if_exists => TRUE);
SELECT add_continuous_aggregate_policy('rollup_minute', start_offset => INTERVAL '${refreshWindowDays} days',
  end_offset => INTERVAL '1 minute', schedule_interval => INTERVAL '${refreshIntervalMinutes} minutes');
SELECT remove_continuous_aggregate_policy('rollup_hour', if_exists => TRUE);
SELECT add_continuous_aggregate_policy('rollup_hour', start_offset => INTERVAL '${refreshWindowDays} days',
  end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '${refreshIntervalMinutes} minutes');
SELECT remove_continuous_aggregate_policy('rollup_day', if_exists => TRUE);
SELECT add_continuous_aggregate_policy('rollup_day', start_offset => INTERVAL '${refreshWindowDays} days',
  end_offset => INTERVAL '1 day', schedule_interval => INTERVAL '${refreshIntervalMinutes} minutes');

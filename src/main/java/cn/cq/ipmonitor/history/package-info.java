/**
 * History in PostgreSQL or TimescaleDB: every valid event stored once, rollups per agency by minute, hour and
 * day, and the history API.
 *
 * <p>Wiring: start {@link cn.cq.ipmonitor.history.EmbeddedPostgres} when configured (blocking), then
 * {@link cn.cq.ipmonitor.history.HistoryDatabase#open} (pool now, migrations in the background), deploy
 * {@link cn.cq.ipmonitor.history.HistoryWriterVerticle} (its own consumer group) and mount
 * {@link cn.cq.ipmonitor.history.HistoryApi} on the API router. {@link cn.cq.ipmonitor.history.Migrations}
 * detects TimescaleDB; without it the writer maintains the rollup tables itself (the plain fallback).
 */
package cn.cq.ipmonitor.history;

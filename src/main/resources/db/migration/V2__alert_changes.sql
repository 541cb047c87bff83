-- The alerts' audit trail: every change of every alert (raised, updated, acknowledged with who and a note,
-- resolved by the rule or by hand), one row each. A change is identified by its alert, time and status, so a
-- change stored twice is stored once.
CREATE TABLE IF NOT EXISTS alert_changes (
  alert_id    text        NOT NULL,
  changed_at  timestamptz NOT NULL,
  status      text        NOT NULL,
  rule        text        NOT NULL,
  severity    text        NOT NULL,
  agency_id   text        NOT NULL,
  district    text,
  value       double precision,
  threshold   double precision,
  ack_by      text,
  note        text,
  alert       jsonb       NOT NULL,
  CONSTRAINT alert_changes_pkey PRIMARY KEY (alert_id, changed_at, status)
);
CREATE INDEX IF NOT EXISTS alert_changes_agency ON alert_changes (agency_id, changed_at);

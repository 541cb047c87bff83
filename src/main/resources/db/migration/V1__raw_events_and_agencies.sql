-- Every valid event, once: the eventId is the idempotency key (CONTRACT.md section 1), so a redelivered
-- event is refused here and adds nothing to the rollups. payload keeps the event as received (as jsonb:
-- key order and white space are normalised).
CREATE TABLE IF NOT EXISTS raw_events (
  event_id       text        NOT NULL,
  occurred_at    timestamptz NOT NULL,
  agency_id      text        NOT NULL,
  type           text        NOT NULL,
  ip_type        text,
  route          text        NOT NULL,
  application_no text,
  attorney_id    text,
  district       text,
  payload        jsonb       NOT NULL,
  received_at    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT raw_events_pkey PRIMARY KEY (event_id)
);
CREATE INDEX IF NOT EXISTS raw_events_agency_time ON raw_events (agency_id, occurred_at);

-- Which district an agency belongs to, so district histories and district tokens' scope can be answered
-- from the database alone. Kept from AGENCY_REGISTERED events (the latest registration wins).
CREATE TABLE IF NOT EXISTS agencies (
  agency_id     text        PRIMARY KEY,
  district      text,
  name          text,
  registered_at timestamptz,
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS agencies_district ON agencies (district);

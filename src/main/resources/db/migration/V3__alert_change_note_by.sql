-- Notes became changes of their own (POST /api/v1/alerts/{id}/note): who wrote the note of a change, which is
-- not always who acknowledged the alert. Nullable, so rows written before stay valid.
ALTER TABLE alert_changes ADD COLUMN IF NOT EXISTS note_by text;

-- Changes contacts refused on the merits (R2, R3): kept with contacts' reason for supervisors and
-- audits, never retried again; the forwarder only picks rows not refused.
ALTER TABLE contacts_forwarding ADD COLUMN refuse_time timestamptz;
DROP INDEX contacts_forwarding_due;
CREATE INDEX contacts_forwarding_due ON contacts_forwarding (next_try_time) WHERE refuse_time IS NULL;

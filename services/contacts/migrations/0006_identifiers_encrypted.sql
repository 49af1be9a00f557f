-- Direct identifiers encrypted at rest (R6, issue 3): names, street addresses, phone numbers and
-- e-mail addresses are stored only inside AES-256-GCM envelopes, and found by exact value through
-- keyed HMAC-SHA-256 blind indexes. What is sealed, and why the rest is not, is written down in
-- services/contacts/store/identifier_cipher.h.
--
-- SQL cannot encrypt without the key, so this migration expands the schema and the contacts
-- module finishes the job: the columns that held identifiers in clear are renamed legacy_*, and
-- at start-up, before the service answers, PlaintextRowSealer seals every row written before this
-- migration, in batches, and empties its legacy_* columns. Nothing writes them any more. The new
-- CHECK constraints are NOT VALID: they hold for every row written from now on, and a later
-- migration validates them and drops the legacy columns once every installation has sealed.

-- Customers: the record is sealed whole; display_name leaves the table for a blind index of its
-- normalised form (exact search; prefix search and ordering by name cannot work on ciphertext).
DROP INDEX customers_by_lower_name;
ALTER TABLE customers DROP COLUMN display_name;
ALTER TABLE customers RENAME COLUMN record TO legacy_record;
ALTER TABLE customers ALTER COLUMN legacy_record DROP NOT NULL;
ALTER TABLE customers ADD COLUMN record bytea, ADD COLUMN name_index bytea;
ALTER TABLE customers ADD CONSTRAINT customers_sealed
  CHECK (record IS NOT NULL AND name_index IS NOT NULL) NOT VALID;
CREATE INDEX customers_by_name_index ON customers (name_index);

-- Contact points: value and normalized_value sealed together; value_index replaces
-- normalized_value in lookups, dedupe and the per-customer uniqueness.
DROP INDEX contact_points_by_value;
ALTER TABLE contact_points DROP CONSTRAINT contact_points_customer_id_normalized_value_key;
ALTER TABLE contact_points RENAME COLUMN value TO legacy_value;
ALTER TABLE contact_points RENAME COLUMN normalized_value TO legacy_normalized_value;
ALTER TABLE contact_points
  ALTER COLUMN legacy_value DROP NOT NULL,
  ALTER COLUMN legacy_normalized_value DROP NOT NULL,
  ADD COLUMN sealed_value bytea,
  ADD COLUMN value_index bytea;
ALTER TABLE contact_points ADD CONSTRAINT contact_points_sealed
  CHECK (sealed_value IS NOT NULL AND value_index IS NOT NULL) NOT VALID;
ALTER TABLE contact_points ADD CONSTRAINT contact_points_customer_value UNIQUE (customer_id, value_index);
CREATE INDEX contact_points_by_value_index ON contact_points (value_index);

-- Do-not-call entries: the record is sealed; phone_index (the contact points' index) replaces
-- phone_e164, whose CHECK and index go with it. The legacy record still holds the number.
ALTER TABLE dnc_entries DROP COLUMN phone_e164;
ALTER TABLE dnc_entries RENAME COLUMN record TO legacy_record;
ALTER TABLE dnc_entries ALTER COLUMN legacy_record DROP NOT NULL;
ALTER TABLE dnc_entries ADD COLUMN record bytea, ADD COLUMN phone_index bytea;
ALTER TABLE dnc_entries ADD CONSTRAINT dnc_entries_sealed
  CHECK (record IS NOT NULL AND (customer_id IS NOT NULL OR phone_index IS NOT NULL)) NOT VALID;
CREATE INDEX dnc_entries_by_phone_index ON dnc_entries (phone_index) WHERE phone_index IS NOT NULL;

-- Profile changes: old and new values sealed together (those of display_name, residence and
-- contact_points are identifiers; sealing all of them needs no list of which are).
ALTER TABLE profile_changes RENAME COLUMN old_value TO legacy_old_value;
ALTER TABLE profile_changes RENAME COLUMN new_value TO legacy_new_value;
ALTER TABLE profile_changes ADD COLUMN sealed_values bytea;
ALTER TABLE profile_changes ADD CONSTRAINT profile_changes_sealed
  CHECK (sealed_values IS NOT NULL) NOT VALID;

-- Import row errors no longer quote phone numbers or e-mail addresses (the line number and column
-- locate them); scrub the ones written before. No key is needed for that.
UPDATE import_row_errors
  SET message = 'the phone number already belongs to a customer or an earlier row'
  WHERE reason = 7 AND field_path = 'contact_points';
UPDATE import_row_errors
  SET message = regexp_replace(message, '^''.*'': ', '')
  WHERE reason IN (3, 4) AND message ~ '^''.*'': ';

-- 0002's callability rules, with numbers matched by blind index.
CREATE OR REPLACE FUNCTION callable_contact_points(p_purpose smallint, p_channel smallint,
                                                  p_campaign_id text, p_at timestamptz)
RETURNS TABLE (customer_id uuid, contact_point_id uuid)
LANGUAGE sql STABLE AS $$
  SELECT cp.customer_id, cp.contact_point_id
  FROM contact_points cp
  JOIN customers c ON c.customer_id = cp.customer_id
  LEFT JOIN LATERAL (
    SELECT k.state, k.expire_time
    FROM consents k
    WHERE k.customer_id = cp.customer_id
      AND k.channel = CASE WHEN p_channel = 0 THEN 1 ELSE p_channel END
      AND k.purpose = p_purpose
      AND k.effective_time <= p_at
    ORDER BY k.hlc_wall_millis DESC, k.hlc_logical DESC, k.hlc_node DESC
    LIMIT 1
  ) latest ON true
  WHERE cp.type IN (1, 2)                 -- phones only
    AND cp.status NOT IN (3, 4, 5)        -- list screening: invalid, wrong party, disconnected
    AND NOT EXISTS (
      SELECT 1 FROM dnc_entries d
      WHERE d.delete_time IS NULL
        AND (d.expire_time IS NULL OR d.expire_time > p_at)
        AND (d.channel = 0 OR d.channel = CASE WHEN p_channel = 0 THEN 1 ELSE p_channel END)
        AND (d.customer_id = cp.customer_id OR d.phone_index = cp.value_index)
        AND (d.scope = 1
             OR (d.scope = 2 AND d.region_id = c.region_id)
             OR (d.scope = 3 AND p_campaign_id <> '' AND d.campaign_id = p_campaign_id)))
    AND (latest.state IS NULL OR latest.state <> 2)
    AND (p_purpose <> 1
         OR (latest.state = 1 AND (latest.expire_time IS NULL OR latest.expire_time > p_at)))
$$;

-- The access audit log (R6): one row per customer whose personal data a call revealed — who
-- (subject, roles, region), how (kind, method, revealed field paths), why (call, campaign,
-- reason), when and from where. Written in the transaction that read the data. Customers are not
-- referenced: the trail outlives an erased customer.
CREATE TABLE access_audit (
  entry_id        uuid PRIMARY KEY,  -- UUIDv7: newest first is entry_id DESC
  customer_id     uuid NOT NULL,
  actor_id        text NOT NULL,
  actor_roles     text[] NOT NULL,
  actor_region    text NOT NULL,
  kind            smallint NOT NULL,
  method          text NOT NULL,
  revealed_fields text[] NOT NULL DEFAULT '{}',
  call_id         text NOT NULL DEFAULT '',
  campaign_id     text NOT NULL DEFAULT '',
  reason          text NOT NULL DEFAULT '',
  access_time     timestamptz NOT NULL,
  region_id       text NOT NULL,
  peer            text NOT NULL DEFAULT ''
);
CREATE INDEX access_audit_by_customer ON access_audit (customer_id, entry_id DESC);
CREATE INDEX access_audit_by_actor ON access_audit (actor_id, entry_id DESC);

-- Never edited, like consent records.
CREATE FUNCTION access_audit_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'access audit entries are append-only';
END $$;
CREATE TRIGGER access_audit_append_only BEFORE UPDATE ON access_audit
  FOR EACH ROW EXECUTE FUNCTION access_audit_refuse_update();

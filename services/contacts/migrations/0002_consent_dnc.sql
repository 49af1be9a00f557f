-- Consent and do-not-call (R6). Both keep their history: consent is append-only (the latest
-- decision by HLC wins) and DNC entries are lifted by soft delete, never removed.

CREATE TABLE consents (
  consent_id      uuid PRIMARY KEY,
  customer_id     uuid NOT NULL REFERENCES customers ON DELETE CASCADE,
  channel         smallint NOT NULL,
  purpose         smallint NOT NULL,
  state           smallint NOT NULL,          -- 1 granted, 2 withdrawn
  effective_time  timestamptz NOT NULL,
  expire_time     timestamptz,                -- grants only
  hlc_wall_millis bigint NOT NULL,
  hlc_logical     integer NOT NULL,
  hlc_node        text COLLATE "C" NOT NULL,  -- byte order, as HlcTimestamp compares
  record_time     timestamptz NOT NULL,
  record          bytea NOT NULL              -- the telemarketing.contacts.v1.Consent
);
CREATE INDEX consents_latest ON consents
  (customer_id, channel, purpose, hlc_wall_millis DESC, hlc_logical DESC, hlc_node DESC);

-- Append-only: a decision is never edited; a new one supersedes it. (Erasing the customer still
-- cascades.)
CREATE FUNCTION consents_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'consent records are append-only';
END $$;
CREATE TRIGGER consents_append_only BEFORE UPDATE ON consents
  FOR EACH ROW EXECUTE FUNCTION consents_refuse_update();

CREATE TABLE consent_requests (
  request_id  text PRIMARY KEY,
  fingerprint text NOT NULL,
  consent_id  uuid NOT NULL REFERENCES consents ON DELETE CASCADE,
  create_time timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE dnc_entries (
  dnc_entry_id  uuid PRIMARY KEY,
  scope         smallint NOT NULL,           -- 1 global, 2 region, 3 campaign
  region_id     text NOT NULL,
  campaign_id   text NOT NULL DEFAULT '',
  customer_id   uuid,                        -- no FK: global entries may name other regions' customers
  phone_e164    text NOT NULL DEFAULT '',
  channel       smallint NOT NULL,           -- 0 every channel
  reason        smallint NOT NULL,
  expire_time   timestamptz,
  create_time   timestamptz NOT NULL,
  delete_time   timestamptz,                 -- lifted; kept for the audit trail
  delete_actor  text,
  delete_reason text,
  record        bytea NOT NULL,              -- the telemarketing.contacts.v1.DncEntry
  CHECK (customer_id IS NOT NULL OR phone_e164 <> '')
);
CREATE INDEX dnc_entries_by_customer ON dnc_entries (customer_id) WHERE customer_id IS NOT NULL;
CREATE INDEX dnc_entries_by_phone ON dnc_entries (phone_e164) WHERE phone_e164 <> '';

CREATE TABLE dnc_requests (
  request_id   text PRIMARY KEY,
  method       text NOT NULL,                -- 'create' or 'delete'
  fingerprint  text NOT NULL,
  dnc_entry_id uuid NOT NULL,
  create_time  timestamptz NOT NULL DEFAULT now()
);

-- The callability rules of services/contacts/domain/callability.h, set-wise: every phone contact
-- point of this region's customers that may be called at p_at for p_purpose on p_channel (0 means
-- voice) within campaign p_campaign_id ('' for none). Region-scoped DNC entries apply when they
-- name the customer's region (this installation owns its customers). Marketing (purpose 1) is the
-- only purpose that requires a grant. Used by segment evaluation to keep only callable customers.
CREATE FUNCTION callable_contact_points(p_purpose smallint, p_channel smallint,
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
        AND (d.customer_id = cp.customer_id OR (d.phone_e164 <> '' AND d.phone_e164 = cp.normalized_value))
        AND (d.scope = 1
             OR (d.scope = 2 AND d.region_id = c.region_id)
             OR (d.scope = 3 AND p_campaign_id <> '' AND d.campaign_id = p_campaign_id)))
    AND (latest.state IS NULL OR latest.state <> 2)
    AND (p_purpose <> 1
         OR (latest.state = 1 AND (latest.expire_time IS NULL OR latest.expire_time > p_at)))
$$;

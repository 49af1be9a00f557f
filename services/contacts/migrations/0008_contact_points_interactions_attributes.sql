-- Contact points as sub-resources (R2, R3), interactions attached by other services (R4) and the
-- definitions of typed custom attributes (R1).

-- What list screening learned about a point (R2): why its status was last set, when, and by which
-- call; and the label an agent gives it (R3). None of these identifies a person.
ALTER TABLE contact_points
  ADD COLUMN label              text NOT NULL DEFAULT '',
  ADD COLUMN status_reason      text NOT NULL DEFAULT '',
  ADD COLUMN status_call_id     text NOT NULL DEFAULT '',
  ADD COLUMN status_update_time timestamptz;

-- References to calls, recordings, orders... held by other services (R4). (kind, reference_id)
-- is unique: attaching the same reference twice answers with the first attachment. Newest first
-- is (occur_time, interaction_id) DESC.
CREATE TABLE interactions (
  interaction_id   uuid PRIMARY KEY,
  customer_id      uuid NOT NULL REFERENCES customers ON DELETE CASCADE,
  kind             smallint NOT NULL,
  reference_id     text NOT NULL,
  service          text NOT NULL,
  region_id        text NOT NULL,
  call_id          text NOT NULL DEFAULT '',
  campaign_id      text NOT NULL DEFAULT '',
  contact_point_id text NOT NULL DEFAULT '',
  occur_time       timestamptz NOT NULL,
  summary          text NOT NULL DEFAULT '',
  create_time      timestamptz NOT NULL,
  UNIQUE (kind, reference_id)
);
CREATE INDEX interactions_by_customer ON interactions (customer_id, occur_time DESC, interaction_id DESC);

-- The schema of custom attributes (R1): customers.attributes may only hold keys defined here,
-- with values of the definition's type.
CREATE TABLE attribute_definitions (
  attribute_key  text PRIMARY KEY,
  display_name   text NOT NULL DEFAULT '',
  description    text NOT NULL DEFAULT '',
  type           smallint NOT NULL,
  allowed_values text[] NOT NULL DEFAULT '{}',
  personal_data  boolean NOT NULL DEFAULT false,
  create_time    timestamptz NOT NULL,
  update_time    timestamptz NOT NULL,
  etag           text NOT NULL
);

-- Idempotency of the mutations above by request_id (AIP-155): per RPC (verb), the resource the
-- first request produced and that request's fingerprint, so a retry answers like the first call
-- and a reuse with another request is told apart.
CREATE TABLE request_records (
  verb        text NOT NULL,
  request_id  text NOT NULL,
  fingerprint text NOT NULL,
  resource_id text NOT NULL,
  create_time timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (verb, request_id)
);

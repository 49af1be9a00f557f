-- Disposition sets (R11, R12), goals (R15) and the region's contact policy (R10, R20). Each
-- `record` holds the full protobuf message; the columns beside it exist for lookups, listing and
-- optimistic concurrency, not as a second source of truth.
CREATE TABLE disposition_sets (
  disposition_set_id uuid PRIMARY KEY,
  record             bytea NOT NULL,
  revision           bigint NOT NULL,
  create_time        timestamptz NOT NULL,
  update_time        timestamptz NOT NULL
);

-- A goal belongs to one campaign and goes with it when a DRAFT campaign is deleted.
CREATE TABLE goals (
  goal_id     uuid PRIMARY KEY,
  campaign_id uuid NOT NULL REFERENCES campaigns (campaign_id) ON DELETE CASCADE,
  scope       smallint NOT NULL,
  agent_id    text NOT NULL DEFAULT '',
  record      bytea NOT NULL,
  revision    bigint NOT NULL,
  create_time timestamptz NOT NULL,
  update_time timestamptz NOT NULL
);
CREATE INDEX goals_by_campaign ON goals (campaign_id, goal_id);

-- One policy per region; a region without a row has the defaults (revision 0).
CREATE TABLE contact_policies (
  region_id   text PRIMARY KEY,
  record      bytea NOT NULL,
  revision    bigint NOT NULL,
  update_time timestamptz NOT NULL
);

-- Idempotency of mutations by request_id (clients retry): a retry with the same key and request
-- answers like the first call; the same key with another request is refused. One table per
-- resource, keyed by (verb, request_id), like campaign_requests.
CREATE TABLE disposition_set_requests (
  verb               text NOT NULL,
  request_id         text NOT NULL,
  fingerprint        text NOT NULL,
  disposition_set_id uuid NOT NULL,
  create_time        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (verb, request_id)
);

CREATE TABLE goal_requests (
  verb        text NOT NULL,
  request_id  text NOT NULL,
  fingerprint text NOT NULL,
  goal_id     uuid NOT NULL,
  create_time timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (verb, request_id)
);

CREATE TABLE contact_policy_requests (
  request_id  text PRIMARY KEY,
  fingerprint text NOT NULL,
  region_id   text NOT NULL,
  create_time timestamptz NOT NULL DEFAULT now()
);

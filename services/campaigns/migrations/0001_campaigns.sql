-- Campaigns of this region (R7, R14, R16). `record` holds the full
-- telemarketing.campaigns.v1.Campaign; the columns beside it exist for listing, lookups and
-- constraints, not as a second source of truth.
CREATE TABLE campaigns (
  campaign_id        uuid PRIMARY KEY,
  state              smallint NOT NULL,
  type               smallint NOT NULL,
  disposition_set_id text NOT NULL DEFAULT '',
  target_list_id     text NOT NULL DEFAULT '',
  agent_group_ids    text[] NOT NULL DEFAULT '{}',
  record             bytea NOT NULL,
  revision           bigint NOT NULL,
  create_time        timestamptz NOT NULL,
  update_time        timestamptz NOT NULL
);
CREATE INDEX campaigns_by_create_time ON campaigns (create_time DESC, campaign_id DESC);
CREATE INDEX campaigns_by_disposition_set ON campaigns (disposition_set_id)
  WHERE disposition_set_id <> '';

-- Idempotency of every campaign mutation by request_id (R31: clients retry): a retry with the
-- same key and request answers like the first call; the same key with another request is refused.
CREATE TABLE campaign_requests (
  verb        text NOT NULL,
  request_id  text NOT NULL,
  fingerprint text NOT NULL,
  campaign_id uuid NOT NULL,
  create_time timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (verb, request_id)
);

-- Dialing's own projection of campaigns (R7, R10, R20), fed only by the compacted topic
-- tm.campaigns.v1: no service reads another service's tables. Each row keeps the snapshot with the
-- greatest HLC, compared as (wall, logical, node); `hlc_node` uses the "C" collation so the
-- database orders nodes byte-wise, as HlcTimestamp does in C++. A deleted campaign keeps its row
-- as a tombstone (no snapshot) so that an older snapshot redelivered later cannot resurrect it.
CREATE TABLE campaign_projection (
  campaign_id     text PRIMARY KEY,
  region          text NOT NULL,
  state           integer NOT NULL,  -- telemarketing.campaigns.v1.CampaignState; 0 when deleted
  deleted         boolean NOT NULL,
  hlc_wall_millis bigint NOT NULL,
  hlc_logical     bigint NOT NULL,
  hlc_node        text COLLATE "C" NOT NULL,
  snapshot        bytea,             -- telemarketing.events.v1.CampaignSnapshot; NULL when deleted
  update_time     timestamptz NOT NULL
);
CREATE INDEX campaign_projection_live ON campaign_projection (state, campaign_id) WHERE NOT deleted;

-- One region's legal calling bounds, holidays and frequency caps (R10, R20).
CREATE TABLE contact_policy_projection (
  region          text PRIMARY KEY,
  hlc_wall_millis bigint NOT NULL,
  hlc_logical     bigint NOT NULL,
  hlc_node        text COLLATE "C" NOT NULL,
  snapshot        bytea NOT NULL,    -- telemarketing.events.v1.ContactPolicySnapshot
  update_time     timestamptz NOT NULL
);

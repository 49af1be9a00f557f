-- The one customer view across regions (R5, R6, R32): this region's sharing policy, the replica
-- bookkeeping of other regions' customers, and update proposals sent and received.

-- The sharing policy (singleton; no row means sharing.proto's default policy). `rules` is
-- [{"field_path": ..., "mode": n}], mode as SharingMode's number. `hlc_*` is the HLC of the
-- change: snapshots published under this policy are stamped no earlier, so replicas take them.
CREATE TABLE sharing_policy (
  singleton       boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  rules           jsonb NOT NULL,
  default_mode    smallint NOT NULL,
  etag            text NOT NULL,
  updated_by      text NOT NULL,
  updated_by_role smallint NOT NULL,
  update_time     timestamptz NOT NULL,
  hlc_wall_millis bigint NOT NULL,
  hlc_logical     integer NOT NULL,
  hlc_node        text NOT NULL
);

-- Idempotent UpdateSharingPolicy.
CREATE TABLE sharing_policy_requests (
  request_id  text PRIMARY KEY,
  fingerprint text NOT NULL,
  create_time timestamptz NOT NULL DEFAULT now()
);

-- Republishing every owned customer after a policy change: one row per change, worked through in
-- bounded batches by customer id (SharingRepublisher). A newer change supersedes an older run.
CREATE TABLE sharing_republish (
  republish_id  bigserial PRIMARY KEY,
  after_id      uuid,                    -- the last customer republished; NULL before the first
  published     bigint NOT NULL DEFAULT 0,
  start_time    timestamptz NOT NULL,
  finish_time   timestamptz
);

-- Replicas of other regions' customers live in `customers` (so every read, lookup, consent and
-- callability check sees them) with region_id naming their owner; this table holds what only a
-- replica has: the HLC of the snapshot it was built from (older snapshots are ignored) and the
-- owner's per-field HLCs, which proposals are compared against.
CREATE TABLE customer_replicas (
  customer_id     uuid PRIMARY KEY REFERENCES customers ON DELETE CASCADE,
  owner_region_id text NOT NULL,
  hlc_wall_millis bigint NOT NULL,
  hlc_logical     integer NOT NULL,
  hlc_node        text NOT NULL,
  field_hlc       jsonb NOT NULL DEFAULT '{}',
  receive_time    timestamptz NOT NULL
);

-- Update proposals (R32), sent (this region proposed) and received (this region owns the
-- customer). No foreign key: a proposal outlives the erasure of its customer. `record` is the
-- UpdateProposal sealed like customer records (its patch holds identifiers, R6).
CREATE TABLE update_proposals (
  proposal_id         uuid PRIMARY KEY,
  customer_id         uuid NOT NULL,
  owner_region_id     text NOT NULL,
  proposing_region_id text NOT NULL,
  received            boolean NOT NULL,
  state               smallint NOT NULL,
  record              bytea NOT NULL,
  create_time         timestamptz NOT NULL,
  decide_time         timestamptz
);
CREATE INDEX update_proposals_listing ON update_proposals (received, proposal_id DESC);
CREATE INDEX update_proposals_by_customer ON update_proposals (customer_id, proposal_id DESC);

CREATE TABLE update_proposal_requests (
  request_id  text PRIMARY KEY,
  fingerprint text NOT NULL,
  proposal_id uuid NOT NULL,
  create_time timestamptz NOT NULL DEFAULT now()
);

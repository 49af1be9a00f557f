-- Reporting's read models (R4, R26-R29), built only from events and replayable from offset zero.
-- Reports read the rollups and per-lead/per-order facts here, never raw events.

-- The steps of each call as they arrived, so a call can be refolded whatever order its steps came
-- in (services/reporting/domain/call_facts.h). Only the projection reads it, one call at a time.
CREATE TABLE call_step (
  call_id    text NOT NULL,
  sequence   bigint NOT NULL,
  payload    bytea NOT NULL,
  PRIMARY KEY (call_id, sequence)
);

-- 15-minute call rollups (R26-R28): additive counts and sums, upserted by deltas.
CREATE TABLE call_rollup (
  bucket_start      timestamptz NOT NULL,
  region_id         text NOT NULL,
  campaign_id       text NOT NULL,
  variant_id        text NOT NULL,
  agent_id          text NOT NULL,
  queue_id          text NOT NULL,
  direction         smallint NOT NULL,
  dial_attempts     bigint NOT NULL DEFAULT 0,
  contacts          bigint NOT NULL DEFAULT 0,
  offered           bigint NOT NULL DEFAULT 0,
  handled           bigint NOT NULL DEFAULT 0,
  abandoned         bigint NOT NULL DEFAULT 0,
  abandons_by_agent bigint NOT NULL DEFAULT 0,
  machine_detected  bigint NOT NULL DEFAULT 0,
  transferred       bigint NOT NULL DEFAULT 0,
  transfer_ms       bigint NOT NULL DEFAULT 0,
  wait_ms           bigint NOT NULL DEFAULT 0,
  handle_count      bigint NOT NULL DEFAULT 0,
  talk_ms           bigint NOT NULL DEFAULT 0,
  hold_ms           bigint NOT NULL DEFAULT 0,
  wrap_ms           bigint NOT NULL DEFAULT 0,
  line_ms           bigint NOT NULL DEFAULT 0,
  dispositions      bigint NOT NULL DEFAULT 0,
  conversions       bigint NOT NULL DEFAULT 0,
  orders            bigint NOT NULL DEFAULT 0,
  within_5s         bigint NOT NULL DEFAULT 0,
  within_10s        bigint NOT NULL DEFAULT 0,
  within_15s        bigint NOT NULL DEFAULT 0,
  within_20s        bigint NOT NULL DEFAULT 0,
  within_30s        bigint NOT NULL DEFAULT 0,
  within_45s        bigint NOT NULL DEFAULT 0,
  within_60s        bigint NOT NULL DEFAULT 0,
  within_90s        bigint NOT NULL DEFAULT 0,
  within_120s       bigint NOT NULL DEFAULT 0,
  within_180s       bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (bucket_start, region_id, campaign_id, variant_id, agent_id, queue_id, direction)
);
CREATE INDEX call_rollup_campaign ON call_rollup (campaign_id, bucket_start);

-- Calls not yet ended, for the live floor after a restart (R29).
CREATE TABLE call_open (
  call_id     text PRIMARY KEY,
  region_id   text NOT NULL,
  campaign_id text NOT NULL,
  queue_id    text NOT NULL,
  agent_id    text NOT NULL,
  connected   boolean NOT NULL,
  since       timestamptz NOT NULL
);

-- Time agents spent per state, per 15 minutes (R26, R28).
CREATE TABLE agent_rollup (
  bucket_start timestamptz NOT NULL,
  region_id    text NOT NULL,
  agent_id     text NOT NULL,
  state        smallint NOT NULL,
  duration_ms  bigint NOT NULL DEFAULT 0,
  spans        bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (bucket_start, region_id, agent_id, state)
);

-- The roster as agent events name it (display names and groups for reports).
CREATE TABLE agent_profile (
  agent_id     text PRIMARY KEY,
  display_name text NOT NULL,
  group_id     text NOT NULL,
  revision     bigint NOT NULL
);

-- Each agent's latest state (R29), newest event wins.
CREATE TABLE agent_current (
  agent_id     text PRIMARY KEY,
  region_id    text NOT NULL,
  state        smallint NOT NULL,
  pause_reason smallint NOT NULL,
  call_id      text NOT NULL,
  campaign_id  text NOT NULL,
  since        timestamptz NOT NULL
);

-- One row per lead reached (R11, R12, R27): stages ever entered (a bit per SaleStage), the current
-- stage and class (newest disposition wins), the class when first reached, and the order.
CREATE TABLE lead_progress (
  lead_id              text PRIMARY KEY,
  campaign_id          text NOT NULL,
  variant_id           text NOT NULL,
  stages_entered       integer NOT NULL,
  stage                smallint NOT NULL,
  intention            smallint NOT NULL,
  latest_time          timestamptz NOT NULL,
  latest_call          text NOT NULL,
  first_intention      smallint NOT NULL,
  first_time           timestamptz NOT NULL,
  first_call           text NOT NULL,
  order_attempts       integer,
  order_contacts       integer
);
CREATE INDEX lead_progress_campaign ON lead_progress (campaign_id);

-- Intention-class movements per 15 minutes (R27), one per disposition that changed the class.
CREATE TABLE intention_move_rollup (
  bucket_start timestamptz NOT NULL,
  campaign_id  text NOT NULL,
  variant_id   text NOT NULL,
  from_class   smallint NOT NULL,
  to_class     smallint NOT NULL,
  leads        bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (bucket_start, campaign_id, variant_id, from_class, to_class)
);

-- Leads loaded per campaign (the top of the funnel, R27).
CREATE TABLE leads_loaded_rollup (
  bucket_start timestamptz NOT NULL,
  campaign_id  text NOT NULL,
  created      bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (bucket_start, campaign_id)
);

-- Orders as tm.orders.v1 tells them (R13, R27); the latest state wins by update time.
CREATE TABLE order_fact (
  order_id      text PRIMARY KEY,
  campaign_id   text NOT NULL,
  variant_id    text NOT NULL,
  agent_id      text NOT NULL,
  customer_id   text NOT NULL,
  call_id       text NOT NULL,
  region_id     text NOT NULL,
  state         smallint NOT NULL,
  currency_code text NOT NULL,
  total         numeric NOT NULL,
  create_time   timestamptz NOT NULL,
  update_time   timestamptz NOT NULL
);
CREATE INDEX order_fact_campaign ON order_fact (campaign_id, create_time);

-- The latest snapshot of each campaign (names, economics, baseline forecast, goals, R16, R27).
CREATE TABLE campaign_snapshot (
  campaign_id  text PRIMARY KEY,
  hlc_wall     bigint NOT NULL,
  hlc_logical  integer NOT NULL,
  payload      bytea NOT NULL
);

-- The latest runtime of each campaign (dial level, abandon rates, R17, R20, R29).
CREATE TABLE campaign_runtime (
  campaign_id text PRIMARY KEY,
  occur_time  timestamptz NOT NULL,
  payload     bytea NOT NULL
);

-- A customer's history across campaigns (R4): one entry per call and per order, refolded as
-- their events arrive.
CREATE TABLE timeline_entry (
  customer_id      text NOT NULL,
  entry_key        text NOT NULL,
  kind             smallint NOT NULL,
  occur_time       timestamptz NOT NULL,
  campaign_id      text NOT NULL,
  agent_id         text NOT NULL,
  call_id          text NOT NULL,
  order_id         text NOT NULL,
  direction        smallint NOT NULL,
  outcome          smallint NOT NULL,
  disposition_code text NOT NULL,
  stage            smallint NOT NULL,
  intention        smallint NOT NULL,
  talk_ms          bigint NOT NULL,
  currency_code    text NOT NULL,
  order_total      numeric NOT NULL,
  summary          text NOT NULL,
  region_id        text NOT NULL,
  PRIMARY KEY (customer_id, entry_key)
);
CREATE INDEX timeline_entry_time ON timeline_entry (customer_id, occur_time DESC, entry_key);

-- Who read whose timeline (R6 audit norms: every read of a customer's history is recorded).
CREATE TABLE timeline_access (
  read_at     timestamptz NOT NULL DEFAULT now(),
  subject     text NOT NULL,
  customer_id text NOT NULL
);

-- Events consumed per source, type and topic, and redeliveries dropped (reconciliation).
CREATE TABLE event_consumption (
  source     text NOT NULL,
  event_type text NOT NULL,
  topic      text NOT NULL,
  consumed   bigint NOT NULL DEFAULT 0,
  duplicates bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (source, event_type, topic)
);

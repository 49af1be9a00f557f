-- Leads, callbacks, the hopper and the contacts callability projection (R2, R6, R10-R12, R17,
-- R19, R20). Leads are plain columns, not an opaque record: the hopper selects them set-based
-- over millions of rows, and every column is the one truth of its field.
CREATE TABLE leads (
  lead_id                 uuid PRIMARY KEY,
  campaign_id             text NOT NULL,
  customer_id             text NOT NULL,
  contact_point_id        text NOT NULL DEFAULT '',
  list_id                 text NOT NULL DEFAULT '',
  state                   smallint NOT NULL,  -- telemarketing.dialing.v1.LeadState
  stop_reason             smallint NOT NULL DEFAULT 0,
  stage                   smallint NOT NULL DEFAULT 0,
  intention_class         smallint NOT NULL DEFAULT 0,
  attempts                integer NOT NULL DEFAULT 0,
  contacts                integer NOT NULL DEFAULT 0,
  contacts_in_class       integer NOT NULL DEFAULT 0,
  last_outcome            smallint NOT NULL DEFAULT 0,
  last_attempt_time       timestamptz,
  next_attempt_time       timestamptz,        -- NULL: due since it was loaded
  callback_owner_agent_id text NOT NULL DEFAULT '',
  callback_ownership      smallint NOT NULL DEFAULT 0,
  priority                integer NOT NULL DEFAULT 0,
  -- Why the hopper last passed the lead over, and until when (HopperBlockReason; 0 none). Set by
  -- the hopper fill, cleared when the customer's contacts facts change: the fill then never
  -- re-reads a blocked lead before its reason can have lifted, and GetHopperStatus counts the
  -- reasons with one aggregate instead of evaluating every lead.
  hold_reason             smallint NOT NULL DEFAULT 0,
  hold_until              timestamptz,
  eligible_from           timestamptz GENERATED ALWAYS AS (GREATEST(
                            COALESCE(next_attempt_time, '-infinity'::timestamptz),
                            COALESCE(hold_until, '-infinity'::timestamptz))) STORED,
  revision                bigint NOT NULL,
  create_time             timestamptz NOT NULL,
  update_time             timestamptz NOT NULL,
  UNIQUE (campaign_id, customer_id)  -- loading a list twice creates nothing new (R11)
);
-- The hopper's candidates: open, not-callback leads of a campaign by priority (VIP first) and the
-- longest wait; due callbacks have their own small index (they go first, R17).
CREATE INDEX leads_candidates ON leads (campaign_id, priority DESC, eligible_from)
  WHERE state IN (1, 2);
CREATE INDEX leads_callbacks ON leads (campaign_id, eligible_from) WHERE state = 3;
CREATE INDEX leads_by_customer ON leads (customer_id);
CREATE INDEX leads_by_campaign ON leads (campaign_id, lead_id);

CREATE TABLE callbacks (
  callback_id      uuid PRIMARY KEY,
  lead_id          uuid NOT NULL REFERENCES leads (lead_id),
  campaign_id      text NOT NULL,
  owner_agent_id   text NOT NULL,
  state            smallint NOT NULL,  -- telemarketing.dialing.v1.CallbackState
  callback_time    timestamptz NOT NULL,
  record           bytea NOT NULL,     -- telemarketing.dialing.v1.Callback
  revision         bigint NOT NULL
);
-- At most one open callback per lead: the lead's next attempt is that callback's time.
CREATE UNIQUE INDEX callbacks_one_open_per_lead ON callbacks (lead_id) WHERE state IN (1, 2, 3);
CREATE INDEX callbacks_by_campaign ON callbacks (campaign_id, callback_time, callback_id);

-- The ready leads (R17, R20): filled by the hopper, taken one at a time by dialer workers with
-- FOR UPDATE SKIP LOCKED so two workers never take the same lead. A customer is in the hopper at
-- most once across campaigns (one customer is never rung by two campaigns at once).
CREATE TABLE hopper (
  lead_id           uuid PRIMARY KEY REFERENCES leads (lead_id),
  campaign_id       text NOT NULL,
  customer_id       text NOT NULL UNIQUE,
  callback_due      boolean NOT NULL,
  priority          integer NOT NULL,
  next_attempt_time timestamptz,
  reserved_agent_id text NOT NULL DEFAULT '',
  queued_from       smallint NOT NULL,  -- the lead's state before QUEUED, restored on return
  fill_time         timestamptz NOT NULL
);
CREATE INDEX hopper_order ON hopper
  (campaign_id, callback_due DESC, priority DESC, next_attempt_time NULLS FIRST, lead_id);

-- Dialing's projection of contacts events (R2, R5, R6): what the hopper needs to know about a
-- customer, kept from tm.contacts.v1 and tm.contact-consent.v1, never asked per lead over gRPC.
-- Snapshots are last-writer-wins by HLC; a tombstone keeps its HLC so older snapshots cannot
-- resurrect the customer.
CREATE TABLE customer_projection (
  customer_id     text PRIMARY KEY,
  region          text NOT NULL,
  deleted         boolean NOT NULL,
  kind            smallint NOT NULL,  -- telemarketing.common.v1.CustomerKind
  vip_tier        smallint NOT NULL,  -- telemarketing.contacts.v1.VipTier
  time_zone       text NOT NULL,      -- the customer's own zone; '' means the campaign fallback
  hlc_wall_millis bigint NOT NULL,
  hlc_logical     bigint NOT NULL,
  hlc_node        text COLLATE "C" NOT NULL,
  update_time     timestamptz NOT NULL
);

-- The customer's phones in contacts' rank (primary first); the E.164 number when the snapshot
-- shares it, for do-not-call entries by number.
CREATE TABLE customer_phones (
  customer_id      text NOT NULL REFERENCES customer_projection (customer_id) ON DELETE CASCADE,
  contact_point_id text NOT NULL,
  rank             integer NOT NULL,
  status           smallint NOT NULL,  -- telemarketing.contacts.v1.ContactPointStatus
  e164             text NOT NULL,
  PRIMARY KEY (customer_id, contact_point_id)
);
CREATE INDEX customer_phones_by_number ON customer_phones (e164) WHERE e164 <> '';

-- The latest consent decision per customer, channel and purpose, by HLC.
CREATE TABLE consent_projection (
  customer_id     text NOT NULL,
  channel         smallint NOT NULL,
  purpose         smallint NOT NULL,
  state           smallint NOT NULL,  -- telemarketing.contacts.v1.ConsentState
  effective_time  timestamptz NOT NULL,
  expire_time     timestamptz,
  hlc_wall_millis bigint NOT NULL,
  hlc_logical     bigint NOT NULL,
  hlc_node        text COLLATE "C" NOT NULL,
  PRIMARY KEY (customer_id, channel, purpose)
);

-- Do-not-call entries by customer or by number; a lifted entry stays (removed) with its HLC.
CREATE TABLE dnc_projection (
  dnc_entry_id    text PRIMARY KEY,
  scope           smallint NOT NULL,  -- telemarketing.contacts.v1.DncScope
  region          text NOT NULL,
  campaign_id     text NOT NULL,
  customer_id     text NOT NULL,
  e164            text NOT NULL,
  channel         smallint NOT NULL,
  expire_time     timestamptz,
  removed         boolean NOT NULL,
  hlc_wall_millis bigint NOT NULL,
  hlc_logical     bigint NOT NULL,
  hlc_node        text COLLATE "C" NOT NULL
);
CREATE INDEX dnc_projection_by_customer ON dnc_projection (customer_id) WHERE customer_id <> '';
CREATE INDEX dnc_projection_by_number ON dnc_projection (e164) WHERE e164 <> '';

-- Calls per customer across the region's campaigns (R20 frequency caps, the abandoned-call
-- recall block): one row per placed call, written when the hopper hands a lead to a dialer.
CREATE TABLE customer_calls (
  customer_id  text NOT NULL,
  call_time    timestamptz NOT NULL,
  lead_id      uuid NOT NULL,
  contact      boolean NOT NULL DEFAULT false,
  abandoned    boolean NOT NULL DEFAULT false
);
CREATE INDEX customer_calls_by_customer ON customer_calls (customer_id, call_time);

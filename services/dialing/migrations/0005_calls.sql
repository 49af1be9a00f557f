-- Calls, the campaigns' dialing runtime, the abandon ledger, orders, compliance settings and the
-- changes owed to contacts (R2, R3, R13, R17, R20). Records are the full protobuf messages; the
-- columns beside them are what listings, recovery and the compliance windows filter on.

-- One row per call (R17, R20). `sequence` is the last CallEvent sequence published for it, so the
-- next step continues the numbering. A row not yet ENDED at start-up was lost with the process
-- that placed it (telephony calls live in that process).
CREATE TABLE calls (
  call_id        uuid PRIMARY KEY,
  campaign_id    text NOT NULL,
  lead_id        text NOT NULL,
  customer_id    text NOT NULL,
  agent_id       text NOT NULL DEFAULT '',
  session_id     text NOT NULL DEFAULT '',
  state          smallint NOT NULL,  -- telemarketing.dialing.v1.CallState
  outcome        smallint NOT NULL DEFAULT 0,
  sequence       bigint NOT NULL,
  create_time    timestamptz NOT NULL,
  record         bytea NOT NULL      -- telemarketing.dialing.v1.Call
);
CREATE INDEX calls_open ON calls (campaign_id) WHERE state < 6;
CREATE INDEX calls_by_lead ON calls (lead_id, create_time);
CREATE INDEX calls_by_customer ON calls (customer_id, create_time);
CREATE INDEX calls_by_campaign ON calls (campaign_id, create_time);

-- The live dialing settings of each campaign (R17, R20, R29).
CREATE TABLE campaign_runtime (
  campaign_id    text PRIMARY KEY,
  dialing_state  smallint NOT NULL,  -- telemarketing.dialing.v1.DialingState
  revision       bigint NOT NULL,
  record         bytea NOT NULL      -- telemarketing.dialing.v1.CampaignRuntime
);

-- Live answers and abandons per campaign and minute (R20): the rolling 24 h and 30-day abandon
-- windows survive a restart, so a dialer cannot forget yesterday's abandons by crashing.
CREATE TABLE abandon_minutes (
  campaign_id   text NOT NULL,
  minute        bigint NOT NULL,     -- minutes since the Unix epoch
  live_answers  bigint NOT NULL,
  abandons      bigint NOT NULL,
  PRIMARY KEY (campaign_id, minute)
);

-- Orders captured at close (R13).
CREATE TABLE orders (
  order_id     uuid PRIMARY KEY,
  call_id      text NOT NULL UNIQUE,  -- one order per call
  campaign_id  text NOT NULL,
  customer_id  text NOT NULL,
  agent_id     text NOT NULL,
  state        smallint NOT NULL,     -- telemarketing.dialing.v1.OrderState
  create_time  timestamptz NOT NULL,
  record       bytea NOT NULL         -- telemarketing.dialing.v1.Order
);
CREATE INDEX orders_by_campaign ON orders (campaign_id, create_time);

-- The region's compliance settings (R20); absent: the legal defaults.
CREATE TABLE compliance_settings (
  region    text PRIMARY KEY,
  revision  bigint NOT NULL,
  record    bytea NOT NULL           -- telemarketing.dialing.v1.ComplianceSettings
);

-- Changes learned on a call that contacts must apply (R2 list screening, R3 profile updates):
-- written in the wrap-up's transaction, forwarded after it with retries, deleted once contacts
-- accepted them, so a contacts outage loses none.
CREATE TABLE contacts_forwarding (
  forward_id    uuid PRIMARY KEY,
  customer_id   text NOT NULL,
  call_id       text NOT NULL,
  agent_id      text NOT NULL,
  kind          smallint NOT NULL,   -- 1 profile field, 2 contact point change, 3 do-not-call
  payload       bytea NOT NULL,      -- ProfileFieldChange or ContactPointChange
  attempts      integer NOT NULL DEFAULT 0,
  last_error    text NOT NULL DEFAULT '',
  next_try_time timestamptz NOT NULL
);
CREATE INDEX contacts_forwarding_due ON contacts_forwarding (next_try_time);

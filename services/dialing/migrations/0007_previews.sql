-- Leads held for an agent's preview (R17 preview mode). Taking a lead for a preview is one
-- transaction: its hopper entry goes, the lead becomes IN_PROGRESS (so no other dialer or preview
-- takes it) and this row holds it for the agent, whose session is RESERVED on `call_id` — the id
-- the call gets if the agent dials. No attempt is counted until the call is placed, so a skipped
-- preview costs the lead nothing. Rows survive a restart: the agent still sees the preview, and
-- its auto-dial time still holds.
CREATE TABLE previews (
  call_id          uuid PRIMARY KEY,
  session_id       uuid NOT NULL UNIQUE,  -- one preview per session
  agent_id         text NOT NULL,
  lead_id          uuid NOT NULL UNIQUE REFERENCES leads (lead_id),
  campaign_id      text NOT NULL,
  customer_id      text NOT NULL,
  contact_point_id text NOT NULL,
  callback_due     boolean NOT NULL,
  queued_from      smallint NOT NULL,  -- the lead's state before the hopper, restored on a skip
  offer_time       timestamptz NOT NULL,
  auto_dial_time   timestamptz          -- NULL: the agent must choose (preview_timeout 0)
);

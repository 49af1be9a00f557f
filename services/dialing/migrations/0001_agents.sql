-- The agent roster and sessions (R19, R26, R28, R29), in the dialing service's own schema. Each
-- `record` holds the full protobuf message; the columns beside it serve lookups, listings,
-- uniqueness and optimistic concurrency, never as a second source of truth.
CREATE TABLE skills (
  skill_id    text PRIMARY KEY,
  record      bytea NOT NULL,
  create_time timestamptz NOT NULL
);

CREATE TABLE agent_groups (
  agent_group_id uuid PRIMARY KEY,
  center_id      text NOT NULL,
  record         bytea NOT NULL,
  revision       bigint NOT NULL,
  create_time    timestamptz NOT NULL,
  update_time    timestamptz NOT NULL
);
CREATE INDEX agent_groups_by_center ON agent_groups (center_id, agent_group_id);

-- An agent is found by its login subject (user_id = JWT sub) when a session starts; employee
-- numbers identify people in HR and reports, so both are unique.
CREATE TABLE agents (
  agent_id        uuid PRIMARY KEY,
  employee_number text NOT NULL UNIQUE,
  user_id         text NOT NULL UNIQUE,
  active          boolean NOT NULL,
  agent_group_ids uuid[] NOT NULL,
  skill_ids       text[] NOT NULL,
  record          bytea NOT NULL,
  revision        bigint NOT NULL,
  create_time     timestamptz NOT NULL,
  update_time     timestamptz NOT NULL
);
CREATE INDEX agents_by_group ON agents USING gin (agent_group_ids);
CREATE INDEX agents_by_skill ON agents USING gin (skill_ids);

-- One row per login. The partial unique index is the last word on "one open session per agent"
-- even when two logins race.
CREATE TABLE agent_sessions (
  session_id          uuid PRIMARY KEY,
  agent_id            uuid NOT NULL REFERENCES agents (agent_id),
  state               smallint NOT NULL,
  campaign_ids        text[] NOT NULL,
  login_time          timestamptz NOT NULL,
  logout_time         timestamptz,
  -- The campaign of the call held (RESERVED, ON_CALL, WRAP_UP), for StateChanged events.
  call_campaign_id    text NOT NULL DEFAULT '',
  -- A ForceLogout that waits for the current call's wrap-up: the cause to publish ("" if none).
  pending_logout_cause text NOT NULL DEFAULT '',
  record              bytea NOT NULL
);
CREATE UNIQUE INDEX agent_sessions_one_open_per_agent ON agent_sessions (agent_id)
  WHERE logout_time IS NULL;
CREATE INDEX agent_sessions_by_login ON agent_sessions (login_time);

-- Every transition, timed (R26 occupancy, R28 talk, wrap-up and pause time by reason): the
-- state entered, when, and how long the previous state lasted.
CREATE TABLE agent_state_log (
  entry_id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  session_id              uuid NOT NULL REFERENCES agent_sessions (session_id),
  agent_id                uuid NOT NULL,
  previous_state          smallint NOT NULL,
  state                   smallint NOT NULL,
  pause_reason            smallint NOT NULL,
  call_id                 text NOT NULL,
  cause                   text NOT NULL,
  enter_time              timestamptz NOT NULL,
  previous_state_micros   bigint NOT NULL CHECK (previous_state_micros >= 0)
);
CREATE INDEX agent_state_log_by_session ON agent_state_log (session_id, entry_id);

-- Idempotency of mutations by request_id (AIP-155): a retry with the same key and request answers
-- like the first call; the same key with another request is refused. `verb` names the RPC.
CREATE TABLE request_records (
  verb        text NOT NULL,
  request_id  text NOT NULL,
  fingerprint text NOT NULL,
  resource_id text NOT NULL,
  create_time timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (verb, request_id)
);

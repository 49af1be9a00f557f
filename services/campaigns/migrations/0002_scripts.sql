-- Scripts and their versions (R9). `record` holds the full telemarketing.campaigns.v1 message
-- (Script without its derived latest_* fields; ScriptVersion whole); the columns beside it exist
-- for lookups, listing and the review rules, not as a second source of truth.
CREATE TABLE scripts (
  script_id     uuid PRIMARY KEY,
  campaign_type smallint NOT NULL,
  -- Highest version number ever created. Numbers are never reused, not even after a draft is
  -- deleted: they key the ScriptVersionChanged events on the compacted topic.
  last_version  integer NOT NULL DEFAULT 0,
  record        bytea NOT NULL
);
CREATE INDEX scripts_by_campaign_type ON scripts (campaign_type, script_id DESC);

CREATE TABLE script_versions (
  script_id     uuid NOT NULL REFERENCES scripts ON DELETE CASCADE,
  version       integer NOT NULL,
  state         smallint NOT NULL,
  -- Everyone but the author who changed the draft: none of them may review it (four eyes, R9).
  editor_ids    text[] NOT NULL DEFAULT '{}',
  -- Why an approved version was retired, for the audit trail; the contract has no field for it.
  retire_reason text NOT NULL DEFAULT '',
  record        bytea NOT NULL,
  PRIMARY KEY (script_id, version)
);
-- Latest approved version of a script, and ListScripts(approved_only).
CREATE INDEX script_versions_approved ON script_versions (script_id, version DESC) WHERE state = 3;

-- Idempotency of every script mutation by request_id: a retry with the same key and request
-- answers like the first call; the same key with another request is refused. Kept after the
-- script is deleted, so a retried delete still answers.
CREATE TABLE script_requests (
  verb        text NOT NULL,
  request_id  text NOT NULL,
  fingerprint text NOT NULL,
  script_id   uuid NOT NULL,
  version     integer NOT NULL DEFAULT 0,
  create_time timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (verb, request_id)
);

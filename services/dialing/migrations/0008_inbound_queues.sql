-- Inbound queues and their calls (R18, R26). A queue's record is the full protobuf message; its
-- dialed numbers are unique across queues, since a number reaches exactly one queue.
CREATE TABLE inbound_queues (
  queue_id     uuid PRIMARY KEY,
  revision     bigint NOT NULL,
  create_time  timestamptz NOT NULL,
  record       bytea NOT NULL          -- telemarketing.dialing.v1.InboundQueue
);

CREATE TABLE inbound_queue_numbers (
  dialed_number text PRIMARY KEY,
  queue_id      uuid NOT NULL REFERENCES inbound_queues (queue_id) ON DELETE CASCADE
);

-- Inbound calls live in `calls` like outbound ones (a restart closes them the same way); the queue
-- they waited in is what queue status and the day's service level read.
ALTER TABLE calls ADD COLUMN queue_id text NOT NULL DEFAULT '';
CREATE INDEX calls_by_queue ON calls (queue_id, create_time) WHERE queue_id <> '';

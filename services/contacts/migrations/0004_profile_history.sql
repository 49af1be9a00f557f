-- Profile-change history (R3 profile completion, 资料完善): one row per changed field, written in
-- the same transaction as the change; who (actor), when, which call/campaign, old -> new as JSON
-- (the proto3 JSON mapping of the field; NULL for unset). change_id is a UUIDv7, so newest first
-- is change_id DESC.
CREATE TABLE profile_changes (
  change_id       uuid PRIMARY KEY,
  customer_id     uuid NOT NULL REFERENCES customers ON DELETE CASCADE,
  field_path      text NOT NULL,
  old_value       jsonb,
  new_value       jsonb,
  actor_id        text NOT NULL,
  actor_role      smallint NOT NULL,
  actor_region    text NOT NULL,
  call_id         text NOT NULL DEFAULT '',
  campaign_id     text NOT NULL DEFAULT '',
  reason          text NOT NULL DEFAULT '',
  origin          smallint NOT NULL,
  region_id       text NOT NULL,
  change_time     timestamptz NOT NULL,
  hlc_wall_millis bigint NOT NULL,
  hlc_logical     integer NOT NULL,
  hlc_node        text NOT NULL
);
CREATE INDEX profile_changes_by_customer ON profile_changes (customer_id, change_id DESC);

-- Idempotent updates: a retried request_id returns the customer as it is, without a second change.
CREATE TABLE customer_update_requests (
  request_id  text PRIMARY KEY,
  fingerprint text NOT NULL,
  customer_id uuid NOT NULL REFERENCES customers ON DELETE CASCADE,
  create_time timestamptz NOT NULL DEFAULT now()
);

-- SearchCustomers: display-name prefix (LIKE 'abc%' on lower()). The exact external-id index
-- (customers_by_external_id) comes with the import migration, 0005.
CREATE INDEX customers_by_lower_name ON customers (lower(display_name) text_pattern_ops);
-- ListCustomers' default and alternative orders, keyset-paginated.
CREATE INDEX customers_by_create_time ON customers (create_time, customer_id);
CREATE INDEX customers_by_update_time ON customers (update_time, customer_id);

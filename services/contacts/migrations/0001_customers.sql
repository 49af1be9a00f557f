-- Customers owned by this region (R1, R32) and their contact points (R2).
-- `record` holds the full telemarketing.contacts.v1.Customer (contact points excluded): the
-- columns beside it exist for lookup, targeting and constraints, not as a second source of truth.
CREATE TABLE customers (
  customer_id     uuid PRIMARY KEY,
  region_id       text NOT NULL,
  display_name    text NOT NULL,
  kind            smallint NOT NULL,
  vip_tier        smallint NOT NULL DEFAULT 0,
  gender          smallint NOT NULL DEFAULT 0,
  birth_year      integer,
  province_code   text NOT NULL DEFAULT '',
  city_code       text NOT NULL DEFAULT '',
  tags            text[] NOT NULL DEFAULT '{}',
  record          bytea NOT NULL,
  hlc_wall_millis bigint NOT NULL,
  hlc_logical     integer NOT NULL,
  hlc_node        text NOT NULL,
  create_time     timestamptz NOT NULL,
  update_time     timestamptz NOT NULL
);

-- Idempotent creates: a retried request_id returns the customer it created the first time.
CREATE TABLE customer_create_requests (
  request_id  text PRIMARY KEY,
  fingerprint text NOT NULL,
  customer_id uuid NOT NULL REFERENCES customers ON DELETE CASCADE,
  create_time timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE contact_points (
  contact_point_id uuid PRIMARY KEY,
  customer_id      uuid NOT NULL REFERENCES customers ON DELETE CASCADE,
  position         smallint NOT NULL,
  type             smallint NOT NULL,
  value            text NOT NULL,
  normalized_value text NOT NULL,
  status           smallint NOT NULL,
  source           text NOT NULL DEFAULT '',
  is_primary       boolean NOT NULL DEFAULT false,
  create_time      timestamptz NOT NULL,
  UNIQUE (customer_id, normalized_value)
);
CREATE INDEX contact_points_by_value ON contact_points (normalized_value);
CREATE INDEX customers_by_tags ON customers USING gin (tags);

-- Segments and the static contact lists evaluated from them (R8).

-- Targeting columns the segment filter language reads, beside those of 0001. Like the others they
-- mirror `record` for lookup only; CustomerStore writes them (defaults stand for "not recorded").
-- attributes: custom attribute key -> JSON scalar (string, number, boolean; dates and timestamps
-- as ISO 8601 strings, money as a decimal number of units).
ALTER TABLE customers
  ADD COLUMN marital_status smallint NOT NULL DEFAULT 0,
  ADD COLUMN income_band    smallint NOT NULL DEFAULT 0,
  ADD COLUMN occupation     text NOT NULL DEFAULT '',
  ADD COLUMN company_name   text NOT NULL DEFAULT '',
  ADD COLUMN external_id    text NOT NULL DEFAULT '',
  ADD COLUMN district_code  text NOT NULL DEFAULT '',
  ADD COLUMN attributes     jsonb NOT NULL DEFAULT '{}';

CREATE TABLE segments (
  segment_id        uuid PRIMARY KEY,  -- UUIDv7: newest first is segment_id DESC
  region_id         text NOT NULL,
  display_name      text NOT NULL,
  description       text NOT NULL DEFAULT '',
  filter            text NOT NULL,
  normalized_filter text NOT NULL,
  creator_id        text NOT NULL,
  creator_role      smallint NOT NULL,
  version           bigint NOT NULL DEFAULT 1,  -- the etag
  last_list_id      uuid,
  last_member_count bigint NOT NULL DEFAULT 0,
  create_time       timestamptz NOT NULL,
  update_time       timestamptz NOT NULL,
  delete_time       timestamptz  -- soft delete: lists made from it keep pointing at it
);

CREATE TABLE contact_lists (
  list_id                     uuid PRIMARY KEY,
  region_id                   text NOT NULL,
  display_name                text NOT NULL,
  origin                      smallint NOT NULL,
  segment_id                  uuid REFERENCES segments,
  filter                      text NOT NULL DEFAULT '',
  import_job_id               text NOT NULL DEFAULT '',
  state                       smallint NOT NULL,
  member_count                bigint NOT NULL DEFAULT 0,
  excluded_not_callable_count bigint NOT NULL DEFAULT 0,
  purpose                     smallint NOT NULL DEFAULT 0,
  channel                     smallint NOT NULL DEFAULT 0,
  campaign_id                 text NOT NULL DEFAULT '',
  creator_id                  text NOT NULL,
  creator_role                smallint NOT NULL,
  create_time                 timestamptz NOT NULL,
  snapshot_time               timestamptz NOT NULL
);
CREATE INDEX contact_lists_by_segment ON contact_lists (segment_id, list_id);

-- Members keep no foreign key to customers: a snapshot outlives a later customer deletion.
CREATE TABLE contact_list_members (
  list_id           uuid NOT NULL REFERENCES contact_lists ON DELETE CASCADE,
  customer_id       uuid NOT NULL,
  region_id         text NOT NULL,
  contact_point_ids uuid[] NOT NULL DEFAULT '{}',
  PRIMARY KEY (list_id, customer_id)
);

-- Idempotent mutations of segments and lists: a retried request_id answers as the first time.
CREATE TABLE segment_requests (
  request_id  text PRIMARY KEY,
  method      text NOT NULL,
  fingerprint text NOT NULL,
  result_id   text NOT NULL,
  create_time timestamptz NOT NULL DEFAULT now()
);

-- Bulk imports (issue 3): the job as its telemarketing.contacts.v1.ImportJob record, with the
-- columns that listing and idempotency read, and every row error with its line number.
CREATE TABLE import_jobs (
  import_job_id uuid PRIMARY KEY,  -- UUIDv7: newest first is import_job_id DESC
  request_id    text NOT NULL DEFAULT '',
  state         smallint NOT NULL,
  record        bytea NOT NULL,
  create_time   timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX import_jobs_by_request ON import_jobs (request_id) WHERE request_id <> '';

CREATE TABLE import_row_errors (
  import_job_id uuid NOT NULL REFERENCES import_jobs ON DELETE CASCADE,
  line_number   bigint NOT NULL,
  seq           integer NOT NULL,  -- several errors of one line, in the order found
  column_name   text NOT NULL DEFAULT '',
  field_path    text NOT NULL DEFAULT '',
  reason        smallint NOT NULL,
  message       text NOT NULL,
  PRIMARY KEY (import_job_id, line_number, seq)
);

-- Dedupe of imports by external_id reads this.
CREATE INDEX IF NOT EXISTS import_customers_by_external_id ON customers (external_id)
  WHERE external_id <> '';

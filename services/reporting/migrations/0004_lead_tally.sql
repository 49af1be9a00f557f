-- A campaign's leads counted by everything its results group them by (R27): the funnel (stages
-- entered, current stage), the intention classes, whether the lead was reached, and the class it
-- was first reached in with the attempts and contacts its first order took. The results of a
-- period that covers all of a campaign's lead activity (the usual "how did the campaign do")
-- sum these counts instead of reading lead_progress lead by lead, so their cost does not grow
-- with the campaign's leads. Kept in the transaction that moves lead_progress, by the difference
-- between a lead's row before and after (store/lead_projection_store.cc).
CREATE TABLE lead_tally (
  campaign_id     text NOT NULL,
  variant_id      text NOT NULL,
  stages_entered  integer NOT NULL,
  stage           smallint NOT NULL,
  intention       smallint NOT NULL,
  reached         boolean NOT NULL,
  first_intention smallint NOT NULL,
  order_attempts  integer NOT NULL,  -- -1: no order (lead_progress keeps NULL)
  order_contacts  integer NOT NULL,
  leads           bigint NOT NULL,
  PRIMARY KEY (campaign_id, variant_id, stages_entered, stage, intention, reached,
               first_intention, order_attempts, order_contacts)
);

-- When a campaign's leads were first and last wrapped up: a period from at or before
-- first_time to after latest_time covers every lead, and the tally answers for it exactly.
CREATE TABLE campaign_lead_span (
  campaign_id text PRIMARY KEY,
  first_time  timestamptz NOT NULL,
  latest_time timestamptz NOT NULL
);

-- The leads projected before this migration, counted once.
INSERT INTO lead_tally
SELECT campaign_id, variant_id, stages_entered, stage, intention, contacts > 0, first_intention,
       coalesce(order_attempts, -1), coalesce(order_contacts, -1), count(*)
  FROM lead_progress GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
INSERT INTO campaign_lead_span
SELECT campaign_id, min(first_time), max(latest_time) FROM lead_progress GROUP BY 1;

-- Intention-class moves per UTC day (R27), written with the 15-minute rows: a campaign's results
-- sum these for the whole days of their period and the 15-minute rows only for its partial first
-- and last day, so a month costs a month of days, not of quarter hours. Both read by campaign.
CREATE TABLE intention_move_day_rollup (LIKE intention_move_rollup INCLUDING ALL);
CREATE INDEX intention_move_rollup_campaign ON intention_move_rollup (campaign_id, bucket_start);
CREATE INDEX intention_move_day_rollup_campaign
  ON intention_move_day_rollup (campaign_id, bucket_start);
INSERT INTO intention_move_day_rollup
SELECT date_trunc('day', bucket_start AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', campaign_id,
       variant_id, from_class, to_class, sum(leads)
  FROM intention_move_rollup GROUP BY 1, 2, 3, 4, 5;

-- Call rollups without the agent dimension (R26, R27): the campaign results and the SLA report
-- by campaign, queue, region or none sum these instead of call_rollup, whose agent dimension
-- makes it almost as fine as the calls themselves. Same measures, same additive deltas, written
-- in the same transaction as call_rollup (store/call_projection_store.cc); agent and agent-group
-- questions keep reading call_rollup.

-- Per 15 minutes, like call_rollup.
CREATE TABLE call_campaign_rollup (
  bucket_start      timestamptz NOT NULL,
  region_id         text NOT NULL,
  campaign_id       text NOT NULL,
  variant_id        text NOT NULL,
  queue_id          text NOT NULL,
  direction         smallint NOT NULL,
  dial_attempts     bigint NOT NULL DEFAULT 0,
  contacts          bigint NOT NULL DEFAULT 0,
  offered           bigint NOT NULL DEFAULT 0,
  handled           bigint NOT NULL DEFAULT 0,
  abandoned         bigint NOT NULL DEFAULT 0,
  abandons_by_agent bigint NOT NULL DEFAULT 0,
  machine_detected  bigint NOT NULL DEFAULT 0,
  transferred       bigint NOT NULL DEFAULT 0,
  transfer_ms       bigint NOT NULL DEFAULT 0,
  wait_ms           bigint NOT NULL DEFAULT 0,
  handle_count      bigint NOT NULL DEFAULT 0,
  talk_ms           bigint NOT NULL DEFAULT 0,
  hold_ms           bigint NOT NULL DEFAULT 0,
  wrap_ms           bigint NOT NULL DEFAULT 0,
  line_ms           bigint NOT NULL DEFAULT 0,
  dispositions      bigint NOT NULL DEFAULT 0,
  conversions       bigint NOT NULL DEFAULT 0,
  orders            bigint NOT NULL DEFAULT 0,
  within_5s         bigint NOT NULL DEFAULT 0,
  within_10s        bigint NOT NULL DEFAULT 0,
  within_15s        bigint NOT NULL DEFAULT 0,
  within_20s        bigint NOT NULL DEFAULT 0,
  within_30s        bigint NOT NULL DEFAULT 0,
  within_45s        bigint NOT NULL DEFAULT 0,
  within_60s        bigint NOT NULL DEFAULT 0,
  within_90s        bigint NOT NULL DEFAULT 0,
  within_120s       bigint NOT NULL DEFAULT 0,
  within_180s       bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (bucket_start, region_id, campaign_id, variant_id, queue_id, direction)
);
CREATE INDEX call_campaign_rollup_campaign ON call_campaign_rollup (campaign_id, bucket_start);

-- Per UTC day: a 30-day question reads 30 rows per campaign and key, plus the 15-minute rows
-- of its partial first and last days.
CREATE TABLE call_campaign_day_rollup (
  bucket_start      timestamptz NOT NULL,
  region_id         text NOT NULL,
  campaign_id       text NOT NULL,
  variant_id        text NOT NULL,
  queue_id          text NOT NULL,
  direction         smallint NOT NULL,
  dial_attempts     bigint NOT NULL DEFAULT 0,
  contacts          bigint NOT NULL DEFAULT 0,
  offered           bigint NOT NULL DEFAULT 0,
  handled           bigint NOT NULL DEFAULT 0,
  abandoned         bigint NOT NULL DEFAULT 0,
  abandons_by_agent bigint NOT NULL DEFAULT 0,
  machine_detected  bigint NOT NULL DEFAULT 0,
  transferred       bigint NOT NULL DEFAULT 0,
  transfer_ms       bigint NOT NULL DEFAULT 0,
  wait_ms           bigint NOT NULL DEFAULT 0,
  handle_count      bigint NOT NULL DEFAULT 0,
  talk_ms           bigint NOT NULL DEFAULT 0,
  hold_ms           bigint NOT NULL DEFAULT 0,
  wrap_ms           bigint NOT NULL DEFAULT 0,
  line_ms           bigint NOT NULL DEFAULT 0,
  dispositions      bigint NOT NULL DEFAULT 0,
  conversions       bigint NOT NULL DEFAULT 0,
  orders            bigint NOT NULL DEFAULT 0,
  within_5s         bigint NOT NULL DEFAULT 0,
  within_10s        bigint NOT NULL DEFAULT 0,
  within_15s        bigint NOT NULL DEFAULT 0,
  within_20s        bigint NOT NULL DEFAULT 0,
  within_30s        bigint NOT NULL DEFAULT 0,
  within_45s        bigint NOT NULL DEFAULT 0,
  within_60s        bigint NOT NULL DEFAULT 0,
  within_90s        bigint NOT NULL DEFAULT 0,
  within_120s       bigint NOT NULL DEFAULT 0,
  within_180s       bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (bucket_start, region_id, campaign_id, variant_id, queue_id, direction)
);
CREATE INDEX call_campaign_day_rollup_campaign ON call_campaign_day_rollup (campaign_id,
  bucket_start);

-- Schemas projected before these tables existed: their rollups summed from call_rollup.
INSERT INTO call_campaign_rollup (bucket_start, region_id, campaign_id, variant_id, queue_id,
  direction, dial_attempts, contacts, offered, handled, abandoned, abandons_by_agent,
  machine_detected, transferred, transfer_ms, wait_ms, handle_count, talk_ms, hold_ms, wrap_ms,
  line_ms, dispositions, conversions, orders, within_5s, within_10s, within_15s, within_20s,
  within_30s, within_45s, within_60s, within_90s, within_120s, within_180s)
SELECT bucket_start, region_id, campaign_id, variant_id, queue_id, direction, sum(dial_attempts),
  sum(contacts), sum(offered), sum(handled), sum(abandoned), sum(abandons_by_agent),
  sum(machine_detected), sum(transferred), sum(transfer_ms), sum(wait_ms), sum(handle_count),
  sum(talk_ms), sum(hold_ms), sum(wrap_ms), sum(line_ms), sum(dispositions), sum(conversions),
  sum(orders), sum(within_5s), sum(within_10s), sum(within_15s), sum(within_20s), sum(within_30s),
  sum(within_45s), sum(within_60s), sum(within_90s), sum(within_120s), sum(within_180s)
FROM call_rollup GROUP BY 1, 2, 3, 4, 5, 6;
INSERT INTO call_campaign_day_rollup (bucket_start, region_id, campaign_id, variant_id,
  queue_id, direction, dial_attempts, contacts, offered, handled, abandoned, abandons_by_agent,
  machine_detected, transferred, transfer_ms, wait_ms, handle_count, talk_ms, hold_ms, wrap_ms,
  line_ms, dispositions, conversions, orders, within_5s, within_10s, within_15s, within_20s,
  within_30s, within_45s, within_60s, within_90s, within_120s, within_180s)
SELECT date_trunc('day', bucket_start AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', region_id,
  campaign_id, variant_id, queue_id, direction, sum(dial_attempts), sum(contacts), sum(offered),
  sum(handled), sum(abandoned), sum(abandons_by_agent), sum(machine_detected), sum(transferred),
  sum(transfer_ms), sum(wait_ms), sum(handle_count), sum(talk_ms), sum(hold_ms), sum(wrap_ms),
  sum(line_ms), sum(dispositions), sum(conversions), sum(orders), sum(within_5s), sum(within_10s),
  sum(within_15s), sum(within_20s), sum(within_30s), sum(within_45s), sum(within_60s),
  sum(within_90s), sum(within_120s), sum(within_180s)
FROM call_rollup GROUP BY 1, 2, 3, 4, 5, 6;

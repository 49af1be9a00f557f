#pragma once
// How lead_tally counts a lead_progress row (R27), in one place: the projection moves the tally by
// these keys and the campaign results count lead_progress by them when the tally cannot answer,
// so both give the same figures only while they share this definition (migration 0004 fills the
// tally the same way).

// The tally's key columns, in its order.
#define TM_LEAD_TALLY_COLUMNS                                                                  \
  "campaign_id, variant_id, stages_entered, stage, intention, reached, first_intention,"       \
  " order_attempts, order_contacts"

// A lead_progress row `l` as that key, column for column (-1: no order, NULL in lead_progress).
#define TM_LEAD_TALLY_KEY                                                                      \
  "l.campaign_id, l.variant_id, l.stages_entered, l.stage, l.intention, l.contacts > 0 AS"     \
  " reached, l.first_intention, coalesce(l.order_attempts, -1) AS order_attempts,"             \
  " coalesce(l.order_contacts, -1) AS order_contacts"

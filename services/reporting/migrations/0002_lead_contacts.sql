-- A lead is reached once the dialer counted a contact with it (R27): the dialer also wraps up
-- unanswered calls (no answer, busy) with a system disposition, which must not make the lead
-- reached. Contacts only grow, so the largest count seen is the lead's.
ALTER TABLE lead_progress ADD COLUMN contacts integer NOT NULL DEFAULT 0;

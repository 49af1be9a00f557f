-- The script versions each campaign uses (its own and its pilot variants', "script_id:version"),
-- so a change of a version's review state republishes the snapshots that embed it (R9, R31).
ALTER TABLE campaigns ADD COLUMN script_refs text[] NOT NULL DEFAULT '{}';
CREATE INDEX campaigns_by_script_ref ON campaigns USING gin (script_refs);

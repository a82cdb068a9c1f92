-- Leave 20% of each consents page free, so that a state rewrite which changes no indexed column
-- (the IYS_SUBMITTED transition every change goes through before it leaves for İYS: it rewrites
-- state, event_count and updated_at, while key_hash, brand_code, recipient_hash, type, status and
-- the consents_due index's next_deadline_at/pending_changes stay as they were) can be a HOT update:
-- the new row version lands on the same page and no index gets a new entry. Applies to pages
-- written from now on; existing pages keep their layout until rewritten (VACUUM FULL / CLUSTER).
alter table consents set (fillfactor = 80);

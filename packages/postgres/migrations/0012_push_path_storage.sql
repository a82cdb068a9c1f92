-- Storage of the İYS push path (measured with packages/sync/bench/profile-push.ts; see
-- packages/sync/bench/RESULTS.md).
--
-- 1. Leave half of each iys_outbox page free. Every change rewrites its outbox row three times
--    (claimed, request id saved, settled). Saving the request id changes no indexed column, so with
--    room on the page it is a HOT update: no new entry in any of the four indexes, and the WAL
--    record carries only the changed bytes. The two status changes still add index entries, but
--    their new row versions stay on the row's page instead of being appended at the table's end.
--    Applies to pages written from now on.
alter table iys_outbox set (fillfactor = 50);

-- 2. consent_events_by_time is read by no query of izinkit (the log is read per consent, by
--    (consent_id, n)), yet every event — two per pushed change — paid an entry in it. The log's
--    order in time is its id order (bigserial, assigned at insert).
drop index if exists consent_events_by_time;

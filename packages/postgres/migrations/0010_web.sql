-- The reference service's web pages (examples/express-service/src/web): the recipient portal's
-- one-time sign-in codes (only a keyed digest of each code is kept) and the markers of people whose
-- data was erased on request (a marked recipient can no longer sign in to the portal).
create table web_portal_codes (
  id             text primary key,
  recipient_hash text not null,
  code_digest    text not null,
  attempts       integer not null default 0,
  expires_at     timestamptz not null,
  used_at        timestamptz,
  created_at     timestamptz not null default now()
);
create index web_portal_codes_by_recipient on web_portal_codes (recipient_hash, created_at desc);

create table web_erasures (
  recipient_hash text primary key,
  application_id text,
  evidence_id    bigint,
  erased_at      timestamptz not null default now()
);

-- What the İYS sync engine (@izinkit/sync) keeps besides the outbox itself.
--
-- 1. Where each submitted change sits in its İYS batch request. A worker that dies after İYS
--    answered `submitBatch` leaves the request id and the item's sub-request id behind, so the
--    worker that takes the row over polls that request instead of submitting again.
alter table iys_outbox add column subrequest_id text;
alter table iys_outbox add column request_index integer;

-- 2. The local copy of İYS's change log, as far as this system knows it: every İYS transaction
--    learnt from a batch result (our own changes, party HS) or from a pull (citizens' changes,
--    party IYS). The daily reconciliation compares İYS's daily file with these rows, by
--    transaction id. Written in the same transaction as the consent event that learnt it.
create table iys_transactions (
  brand_code     text not null,
  transaction_id text not null,
  consent_id     bigint not null references consents (id),
  key_hash       text not null,                -- consents.key_hash (keyed hash, never the recipient)
  recipient_type text not null check (recipient_type in ('BIREYSEL', 'TACIR')),
  type           text not null check (type in ('MESAJ', 'ARAMA', 'EPOSTA')),
  party          text not null check (party in ('HS', 'IYS')),
  status         text not null check (status in ('ONAY', 'RET')),
  consent_date   timestamptz,
  source         text,
  creation_date  timestamptz not null,         -- İYS's creationDate (the result's time when İYS gave none)
  change_id      text,                         -- our change, for party HS
  recorded_at    timestamptz not null default now(),
  primary key (brand_code, transaction_id)
);
create index iys_transactions_by_day on iys_transactions (brand_code, creation_date, transaction_id);
create index iys_transactions_by_consent on iys_transactions (consent_id);

-- 3. When a request carrying the change may have reached İYS without its outcome being known (set
--    as the change leaves, cleared once its fate is known). A worker that takes such a row over with
--    no request id asks İYS for the consent's status before sending it again, so a change whose
--    request landed just before a crash is never sent twice.
alter table iys_outbox add column submitted_at timestamptz;

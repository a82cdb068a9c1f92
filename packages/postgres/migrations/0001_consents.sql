-- Consents: one row per consent key (brand, recipient, recipient type, channel) holding the
-- current state of the @izinkit/consent machine, and the append-only event log it is folded from.
--
-- Privacy: the recipient (a phone number or an e-mail address) is never stored in clear. It is
-- found through keyed hashes (HMAC-SHA-256, @izinkit/identity identityKey) and kept encrypted
-- (AES-256-GCM with a key id, @izinkit/kvkk tokenize) because İYS needs it back to register the
-- consent. The state JSON keeps its recipient field blanked; the repository puts it back on read.

create table consents (
  id              bigserial primary key,
  key_hash        text not null unique,        -- keyed hash of brand + recipient + recipientType + type
  brand_code      text not null,
  recipient_hash  text not null,               -- keyed hash of the recipient alone (person lookups)
  recipient_enc   text not null,               -- encrypted recipient (tokenize)
  recipient_kind  text not null check (recipient_kind in ('phone', 'email')),
  recipient_type  text not null check (recipient_type in ('BIREYSEL', 'TACIR')),
  type            text not null check (type in ('MESAJ', 'ARAMA', 'EPOSTA')),
  -- Columns derived from the state, for reports and queues (the state is the truth).
  status          text check (status in ('ONAY', 'RET')),
  source          text,
  consent_date    timestamptz,
  iys_status      text check (iys_status in ('ONAY', 'RET')),
  pending_changes integer not null default 0,
  next_deadline_at timestamptz,
  overdue         boolean not null default false,
  machine_version integer not null,
  state           jsonb not null,
  event_count     integer not null default 0,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now()
);
create index consents_by_recipient on consents (brand_code, recipient_hash);
create index consents_by_report on consents (brand_code, type, status);
create index consents_due on consents (next_deadline_at) where pending_changes > 0;

create table consent_events (
  id          bigserial primary key,
  consent_id  bigint not null references consents (id),
  n           integer not null,                -- position in this consent's log, from 1
  type        text not null,
  at          timestamptz not null,
  outcome     text not null check (outcome in ('applied', 'ignored')),
  event       jsonb not null,
  evidence_id bigint,                          -- evidence_entries row recorded with it, if any
  recorded_at timestamptz not null default now(),
  unique (consent_id, n)
);
create index consent_events_by_time on consent_events (recorded_at);

-- The transactional outbox to İYS: one row per change the machine wants registered
-- (a submitToIys effect), written in the same transaction as the event that caused it.
-- Workers claim rows with FOR UPDATE SKIP LOCKED, earliest deadline first.
create table iys_outbox (
  id            bigserial primary key,
  consent_id    bigint not null references consents (id),
  brand_code    text not null,
  change_id     text not null,
  status        text not null default 'pending'
                check (status in ('pending', 'claimed', 'done', 'cancelled')),
  payload       jsonb not null,                -- the submitToIys effect without the recipient
  deadline_at   timestamptz not null,
  available_at  timestamptz not null default now(),
  attempts      integer not null default 0,
  claimed_by    text,
  claimed_until timestamptz,
  request_id    text,                          -- İYS batch request id once submitted
  result        text,                          -- accepted | refused | already_registered | cancelled
  last_error    text,
  created_at    timestamptz not null default now(),
  done_at       timestamptz,
  unique (consent_id, change_id)
);
create index iys_outbox_queue on iys_outbox (deadline_at, id) where status in ('pending', 'claimed');
create index iys_outbox_by_brand on iys_outbox (brand_code, status);

-- Other effects the shell must carry out after a commit: verification codes and same-day
-- confirmations to send, overdue alerts to raise. Same claim discipline as the İYS outbox.
create table effect_outbox (
  id            bigserial primary key,
  kind          text not null,                 -- sendVerificationCode | notifyRecipient | raiseOverdue
  consent_id    bigint references consents (id),
  payload       jsonb not null,
  status        text not null default 'pending'
                check (status in ('pending', 'claimed', 'done', 'failed')),
  available_at  timestamptz not null default now(),
  attempts      integer not null default 0,
  claimed_by    text,
  claimed_until timestamptz,
  last_error    text,
  created_at    timestamptz not null default now(),
  done_at       timestamptz
);
create index effect_outbox_queue on effect_outbox (kind, available_at, id) where status in ('pending', 'claimed');

-- The reference service (examples/express-service): brands it serves, bulk imports with their
-- per-row results, double opt-in requests, the development message outbox, and which brand a
-- data-subject application belongs to. Nothing here holds a recipient in clear: recipients are
-- keyed hashes (and, where a message must reach them, encrypted with the storage keys).

-- Brands of this hub, with what every message and agreement text must carry (ETK art. 6, Yön. art. 7).
create table service_brands (
  code             text primary key check (code ~ '^[0-9]{1,12}$'),
  name             text not null,
  trade_name       text not null,
  mersis           text not null,
  short_number     text,                        -- the RET short number (e.g. 3338)
  ret_instructions jsonb not null,              -- { "tr": "...", "en": "..." }
  contact_email    text,
  created_at       timestamptz not null default now(),
  updated_at       timestamptz not null default now()
);

-- Bulk imports. Each row's result is written in the same transaction as the consent change it
-- caused (or as the refusal), so after a crash a row is either here with its result, or it was not
-- imported at all; resuming an import skips the rows that are here.
create table import_jobs (
  id          text primary key,
  brand_code  text not null,
  format      text not null check (format in ('ndjson', 'csv')),
  actor       text not null,
  status      text not null default 'running' check (status in ('running', 'finished', 'interrupted')),
  rows_seen   integer not null default 0,
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now(),
  finished_at timestamptz
);
create index import_jobs_by_brand on import_jobs (brand_code, created_at desc);

create table import_rows (
  import_id   text not null references import_jobs (id),
  row_no      integer not null,
  status      text not null check (status in ('committed', 'unchanged', 'rejected', 'invalid')),
  consent_id  bigint,
  evidence_id bigint,
  code        text,                             -- the refusal's stable code, if any
  created_at  timestamptz not null default now(),
  primary key (import_id, row_no)
);

-- Double opt-in requests: one request covers one recipient's channels at one brand; the machine
-- holds each channel's verification (code digest, attempts, lockout), this table holds how the
-- person is reached (a code or a landing-page link) and the link token's hash.
create table optin_requests (
  id             text primary key,              -- also the machine's verificationId
  brand_code     text not null,
  recipient_hash text not null,
  recipient_enc  text not null,                 -- encrypted: the message must reach the person
  recipient_type text not null check (recipient_type in ('BIREYSEL', 'TACIR')),
  channels       text[] not null,
  method         text not null check (method in ('code', 'link')),
  source         text not null,
  locale         text not null check (locale in ('tr', 'en')),
  link_hash      text unique,                   -- SHA-256 of the landing-page token (method link)
  status         text not null default 'pending'
                 check (status in ('pending', 'sent', 'confirmed', 'declined', 'expired', 'locked')),
  expires_at     timestamptz not null,
  sent_at        timestamptz,
  completed_at   timestamptz,
  created_at     timestamptz not null default now()
);
create index optin_requests_by_recipient on optin_requests (brand_code, recipient_hash);

-- Messages the default provider "sent": only used when the service runs on its embedded defaults.
create table dev_outbox (
  id             bigserial primary key,
  brand_code     text not null,
  channel        text not null check (channel in ('sms', 'email')),
  recipient_hash text not null,
  recipient_mask text not null,
  purpose        text not null,
  locale         text not null,
  subject        text,
  body           text not null,
  created_at     timestamptz not null default now()
);
create index dev_outbox_by_recipient on dev_outbox (recipient_hash, id);

-- Which brand a KVKK application was filed with.
create table application_brands (
  application_id text primary key,
  brand_code     text not null
);
create index application_brands_by_brand on application_brands (brand_code);

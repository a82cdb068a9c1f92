-- Agreement texts (@izinkit/agreements): documents per (brand, kind, channel, locale), their
-- content-addressed versions, and the ledger of who accepted or refused which version.

create table agreement_documents (
  brand    text collate "C" not null,
  kind     text collate "C" not null,
  channel  text collate "C" not null,
  locale   text collate "C" not null,
  sequence integer not null,                   -- optimistic concurrency: one commit per value
  primary key (brand, kind, channel, locale)
);

create table agreement_versions (
  brand    text collate "C" not null,
  kind     text collate "C" not null,
  channel  text collate "C" not null,
  locale   text collate "C" not null,
  id       text not null,                      -- SHA-256 hex of the canonical text
  revision integer not null,
  status   text not null check (status in ('draft', 'published', 'retired')),
  version  jsonb not null,                     -- the AgreementVersion, dates as ISO strings
  primary key (brand, kind, channel, locale, id),
  foreign key (brand, kind, channel, locale) references agreement_documents (brand, kind, channel, locale)
);
create index agreement_versions_by_id on agreement_versions (id);

create table agreement_acceptances (
  seq           bigserial primary key,
  subject       text not null,                 -- a keyed subject reference, never a raw identifier
  brand         text collate "C" not null,
  kind          text collate "C" not null,
  channel       text collate "C" not null,
  locale        text collate "C" not null,
  version_id    text not null,
  rendered_hash text not null,
  decision      text not null check (decision in ('ONAY', 'RET')),
  at            timestamptz not null,
  evidence_id   text,
  recorded_at   timestamptz not null
);
create index agreement_acceptances_by_subject on agreement_acceptances (subject, seq);
create index agreement_acceptances_by_version on agreement_acceptances (version_id, seq);

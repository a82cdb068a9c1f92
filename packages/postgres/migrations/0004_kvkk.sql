-- KVKK data-subject applications (art. 11 / 13) from @izinkit/kvkk. The application state holds
-- the applicant's personal data, so it is stored encrypted; the columns beside it are what the
-- queue and the 30-day clock need.

create table dsr_applications (
  id            text primary key,
  subject_hash  text,                          -- keyed hash of the applicant's identifier
  status        text not null,
  kinds         text[] not null,
  received_at   timestamptz not null,
  deadline_at   timestamptz not null,
  closed_at     timestamptz,
  seen_at       timestamptz,                   -- when an admin first opened it (the "new" badge)
  state_enc     text not null,                 -- encrypted ApplicationState JSON
  event_count   integer not null default 0,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now()
);
create index dsr_applications_open on dsr_applications (deadline_at) where closed_at is null;
create index dsr_applications_by_subject on dsr_applications (subject_hash);

create table dsr_events (
  id             bigserial primary key,
  application_id text not null references dsr_applications (id),
  n              integer not null,
  type           text not null,
  event_enc      text not null,                -- encrypted ApplicationEvent JSON
  recorded_at    timestamptz not null default now(),
  unique (application_id, n)
);

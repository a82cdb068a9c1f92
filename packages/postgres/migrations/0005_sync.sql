-- İYS sync bookkeeping: pull cursors per brand and source, and daily reconciliation reports.

create table sync_cursors (
  brand_code text not null,
  source     text not null check (source in ('HS', 'IYS')),
  cursor     text,
  updated_at timestamptz not null default now(),
  primary key (brand_code, source)
);

create table reconciliation_reports (
  brand_code      text not null,
  report_date     date not null,
  status          text not null check (status in ('matched', 'differences', 'failed')),
  file_sha256     text,
  rows            integer,
  summary         jsonb not null,
  differences     jsonb not null,
  difference_count integer not null default 0,
  agreement_saved boolean not null default false,
  error           text,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  primary key (brand_code, report_date)
);

-- Daily İYS reconciliation ("mutabakat") results, one row per difference.
--
-- reconciliation_reports (0005) keeps one row per brand and day: its status, the file hash, a
-- preview of the differences and their total. A day's file can differ from the local log in
-- hundreds of thousands of rows, so every difference is also kept here, up to the cap the
-- reconciler was given; the counts per kind in reconciliation_reports.counts are always exact.
alter table reconciliation_reports add column counts jsonb not null default '{}'::jsonb;
alter table reconciliation_reports add column local_rows integer;
alter table reconciliation_reports add column stored_differences integer not null default 0;
alter table reconciliation_reports add column started_at timestamptz;
alter table reconciliation_reports add column finished_at timestamptz;

create table reconciliation_differences (
  brand_code     text not null,
  report_date    date not null,
  seq            integer not null,             -- 0-based, in the order the reconciler found them
  kind           text not null check (kind in ('missing_local', 'missing_remote', 'mismatch', 'duplicate_remote', 'summary')),
  transaction_id text,                         -- null for a summary difference
  fields         text[] not null default '{}', -- which fields differ (mismatch, summary)
  local_value    jsonb,                        -- our side (never a recipient in clear)
  remote_value   jsonb,                        -- İYS's side (recipient masked)
  primary key (brand_code, report_date, seq),
  foreign key (brand_code, report_date) references reconciliation_reports (brand_code, report_date) on delete cascade
);
create index reconciliation_differences_by_transaction on reconciliation_differences (brand_code, transaction_id)
  where transaction_id is not null;

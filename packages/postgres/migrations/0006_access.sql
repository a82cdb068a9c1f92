-- Who may do what: API keys with scopes, admin users and their sessions, and the audit log of
-- every admin and API action. Each audit entry is also an evidence_entries row (a leaf of the
-- Merkle log); the sequencer that integrates it also chains the audit entries in leaf order
-- (hash = SHA-256(prev_hash || canonical JSON)), so writers never serialise on the chain.

create table api_keys (
  id           text primary key,
  prefix       text not null,                  -- the first characters, shown in lists
  secret_hash  text not null unique,           -- SHA-256 of the whole key; the key is shown once
  name         text not null,
  scopes       jsonb not null,                 -- [{ brands: ['600000'] | '*', permissions: [...] }]
  created_by   text,
  created_at   timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at   timestamptz
);

create table admin_users (
  id            text primary key,
  username      text not null unique,
  password_hash text not null,                 -- scrypt, with its parameters
  role          text not null default 'admin',
  created_at    timestamptz not null default now(),
  disabled_at   timestamptz
);

create table admin_sessions (
  id_hash     text primary key,                -- SHA-256 of the session token
  user_id     text not null references admin_users (id),
  csrf_token  text not null,
  created_at  timestamptz not null default now(),
  expires_at  timestamptz not null,
  ip          text,
  user_agent  text
);
create index admin_sessions_expiry on admin_sessions (expires_at);

create table audit_log (
  id          bigserial primary key,
  at          timestamptz not null default now(),
  actor       text not null,                   -- api-key:<id> | admin:<id> | system | recipient
  action      text not null,
  target      text,
  details     jsonb not null default '{}',
  evidence_id bigint not null,                 -- its evidence_entries row
  prev_hash   text,                            -- set when sequenced: the previous entry's hash
  hash        text                             -- set when sequenced: SHA-256(prev_hash || canonical)
);
create index audit_log_by_time on audit_log (at);
create index audit_log_unchained on audit_log (id) where hash is null;

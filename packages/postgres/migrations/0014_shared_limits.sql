-- What the processes of the reference service (examples/express-service) share so that a limit
-- holds for the hub, not for each process.
--
-- Rate limits (src/http/rate-limit.ts): once a second every process appends what it let
-- through per bucket and reads what the others did. A bucket is named by a keyed digest (HMAC) of
-- its key, never the IP address or key id. Rows live two minutes; the table is UNLOGGED: after a
-- crash it is empty, which only forgets the last seconds of rate-limit history.
create unlogged table rate_limit_usage (
  id         bigint generated always as identity primary key,
  process_id text not null,
  limiter    text not null,
  digest     text not null,
  n          integer not null check (n > 0),
  at         timestamptz not null default now()
);
create index rate_limit_usage_at on rate_limit_usage (at);

-- The hosted form's proof-of-work captcha (src/web/captcha.ts): a solved challenge is accepted
-- once by the whole hub. Only a digest of the challenge is kept, until the challenge expires.
create table web_captcha_spent (
  digest     text primary key,
  expires_at timestamptz not null
);
create index web_captcha_spent_expiry on web_captcha_spent (expires_at);

-- Admin sign-in lockout (src/web/admin.ts): wrong passwords per address (a keyed digest of it),
-- counted by the whole hub, until `until`.
create table web_login_failures (
  digest   text primary key,
  failures integer not null,
  until    timestamptz not null
);

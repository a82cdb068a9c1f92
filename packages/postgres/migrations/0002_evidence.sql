-- The evidence log: an append-only RFC 9162 Merkle log (@izinkit/evidence).
--
-- Writers never wait for the tree: a consent change inserts its evidence entry (the RFC 8785
-- canonical JSON that becomes the leaf) in its own transaction, and a single sequencer (any
-- process; an advisory lock picks one) later gives queued entries their leaf indexes in arrival
-- order, stores the new tree nodes and the log state, and signs checkpoints. This is how
-- Certificate Transparency logs work (queue, then integrate): inclusion proofs exist once the
-- entry is sequenced, typically within a second.

create table evidence_entries (
  id           bigserial primary key,          -- arrival order
  kind         text not null,                  -- consent_decision | audit | destruction | dsr | ...
  canonical    text not null,                  -- RFC 8785 canonical JSON: the leaf's data
  leaf_index   bigint unique,                  -- null until sequenced
  leaf_hash    bytea,                          -- SHA-256(0x00 || canonical), set when sequenced
  subject_hash text,                           -- keyed hash of the subject, for lookups
  ref          text,                           -- what it proves (e.g. consent key hash + decision id)
  created_at   timestamptz not null default now(),
  sequenced_at timestamptz
);
create index evidence_entries_queue on evidence_entries (id) where leaf_index is null;
create index evidence_entries_by_subject on evidence_entries (subject_hash) where subject_hash is not null;
create index evidence_entries_by_ref on evidence_entries (ref) where ref is not null;

-- Complete subtree hashes (level 0 = leaf hashes), the store proofs are computed from.
create table evidence_nodes (
  level integer not null,
  idx   bigint not null,
  hash  bytea not null,
  primary key (level, idx)
);

-- The log's state: its size and right-edge frontier (one row).
create table evidence_log (
  id         integer primary key default 1 check (id = 1),
  size       bigint not null,
  frontier   jsonb not null,                   -- base64 hashes, oldest subtree first
  updated_at timestamptz not null default now()
);
insert into evidence_log (id, size, frontier) values (1, 0, '[]');

-- Signed checkpoints (C2SP tlog-checkpoint notes), optionally with an RFC 3161 time-stamp token.
create table evidence_checkpoints (
  tree_size       bigint primary key,
  root_hash       bytea not null,
  note            text not null,
  timestamp_token bytea,
  created_at      timestamptz not null default now()
);

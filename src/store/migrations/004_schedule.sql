-- Scheduled sync, the banks' unattended-read limit, consent reminders and notifications.
-- Uses no table from 003, so it applies whatever 003 turns out to hold.

-- Small per-installation values: the default nightly minute (so every Trax installation does
-- not hit the banks at the same moment) and the local day the CLI last showed its banner.
CREATE TABLE schedule_meta (
  key    TEXT PRIMARY KEY,                           -- 'default_minute' | 'cli_banner_day'
  value  TEXT NOT NULL
);

-- One row per account per read a bank counts as unattended (PSD2 RTS Art. 36(5): at most 4 per
-- 24 hours without the user present). Written by the sync engine for TrueLayer syncs that send
-- no X-PSU-IP, except the first sync after a login. Rows older than a week are pruned.
CREATE TABLE bank_reads (
  id             INTEGER PRIMARY KEY,
  connection_id  TEXT NOT NULL,
  account_id     INTEGER NOT NULL,                   -- accounts.id; 0 while the connection has no accounts yet
  read_at        TEXT NOT NULL,                      -- ISO-8601 UTC
  trigger        TEXT NOT NULL                       -- user | schedule | webhook
);
CREATE INDEX bank_reads_connection ON bank_reads(connection_id, read_at);

-- The state last announced to TRAX_NOTIFY_WEBHOOK per connection, so a restart never re-sends.
CREATE TABLE notify_state (
  connection_id  TEXT PRIMARY KEY,
  state          TEXT NOT NULL,                      -- ok | expiring | expired | needs_reauth | sync_failed
  changed_at     TEXT NOT NULL                       -- when Trax recorded this state (UTC)
);

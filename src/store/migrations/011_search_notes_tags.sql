-- Notes, tags, saved searches and the full-text index behind `trax search` (docs/schema.md, "Search").
-- Notes and tags are keyed by the transaction's identity (account + dedupe key), like
-- category_choices, so they survive re-syncs and re-imports that delete and re-create a row.

CREATE TABLE transaction_notes (
  account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  dedupe_key  TEXT NOT NULL,
  text        TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 10240),
  updated_at  TEXT NOT NULL,
  PRIMARY KEY (account_id, dedupe_key)
);

-- A tag is one lowercase word without spaces ("urlaub", "urlaub-sylt-2026").
CREATE TABLE transaction_tags (
  account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  dedupe_key  TEXT NOT NULL,
  tag         TEXT NOT NULL CHECK (length(tag) BETWEEN 1 AND 64 AND tag = lower(tag) AND instr(tag, ' ') = 0),
  created_at  TEXT NOT NULL,
  PRIMARY KEY (account_id, dedupe_key, tag)
) WITHOUT ROWID;
CREATE INDEX transaction_tags_tag ON transaction_tags(tag);

CREATE TABLE saved_searches (
  name        TEXT PRIMARY KEY,
  query       TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);

-- The searched text of each transaction, folded like the categorizer's foldText
-- (src/categorize/normalize.ts): German umlauts and ß spelled out (ä -> ae), so "Müller" and
-- "MUELLER" meet; the tokenizer's case folding and remove_diacritics 2 do the rest (é -> e).
-- Contentless (the text lives in transactions already) with rowid deletes, so a trigger is one
-- small insert and a delete needs no old text. Category names are not copied in: a row's
-- category changes on every categorization pass, so they are matched through category_fts at
-- query time and categorizing never touches this index.
CREATE VIRTUAL TABLE transaction_fts USING fts5(
  body, note, tags,
  content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2'
);

CREATE VIEW transaction_search_text AS
SELECT t.id AS id,
  replace(replace(replace(replace(replace(replace(replace(replace(
    t.description || ' ' || coalesce(t.merchant, '') || ' ' || coalesce(t.counterparty_name, ''),
    'ä', 'ae'), 'Ä', 'Ae'), 'ö', 'oe'), 'Ö', 'Oe'), 'ü', 'ue'), 'Ü', 'Ue'), 'ß', 'ss'), 'ẞ', 'SS') AS body,
  (SELECT replace(replace(replace(replace(replace(replace(replace(replace(n.text,
    'ä', 'ae'), 'Ä', 'Ae'), 'ö', 'oe'), 'Ö', 'Oe'), 'ü', 'ue'), 'Ü', 'Ue'), 'ß', 'ss'), 'ẞ', 'SS')
    FROM transaction_notes n WHERE n.account_id = t.account_id AND n.dedupe_key = t.dedupe_key) AS note,
  (SELECT group_concat(g.tag, ' ') FROM transaction_tags g
    WHERE g.account_id = t.account_id AND g.dedupe_key = t.dedupe_key) AS tags
FROM transactions t;

INSERT INTO transaction_fts (rowid, body, note, tags) SELECT id, body, note, tags FROM transaction_search_text;

CREATE TRIGGER transaction_fts_insert AFTER INSERT ON transactions BEGIN
  INSERT INTO transaction_fts (rowid, body, note, tags) SELECT id, body, note, tags FROM transaction_search_text WHERE id = new.id;
END;

CREATE TRIGGER transaction_fts_delete AFTER DELETE ON transactions BEGIN
  DELETE FROM transaction_fts WHERE rowid = old.id;
END;

-- Only the searched columns and the identity that finds a row's note and tags.
CREATE TRIGGER transaction_fts_update AFTER UPDATE OF description, merchant, counterparty_name, account_id, dedupe_key
ON transactions
WHEN old.description IS NOT new.description OR old.merchant IS NOT new.merchant
  OR old.counterparty_name IS NOT new.counterparty_name OR old.account_id IS NOT new.account_id
  OR old.dedupe_key IS NOT new.dedupe_key
BEGIN
  DELETE FROM transaction_fts WHERE rowid = old.id;
  INSERT INTO transaction_fts (rowid, body, note, tags) SELECT id, body, note, tags FROM transaction_search_text WHERE id = new.id;
END;

-- A note or tag change re-indexes the one row with that identity (if it is in Trax now).
CREATE TRIGGER transaction_notes_fts_insert AFTER INSERT ON transaction_notes BEGIN
  DELETE FROM transaction_fts WHERE rowid IN
    (SELECT id FROM transactions WHERE account_id = new.account_id AND dedupe_key = new.dedupe_key);
  INSERT INTO transaction_fts (rowid, body, note, tags) SELECT s.id, s.body, s.note, s.tags FROM transaction_search_text s
    WHERE s.id IN (SELECT id FROM transactions WHERE account_id = new.account_id AND dedupe_key = new.dedupe_key);
END;
CREATE TRIGGER transaction_notes_fts_update AFTER UPDATE ON transaction_notes BEGIN
  DELETE FROM transaction_fts WHERE rowid IN
    (SELECT id FROM transactions WHERE account_id IN (old.account_id, new.account_id)
      AND dedupe_key IN (old.dedupe_key, new.dedupe_key));
  INSERT INTO transaction_fts (rowid, body, note, tags) SELECT s.id, s.body, s.note, s.tags FROM transaction_search_text s
    WHERE s.id IN (SELECT id FROM transactions WHERE account_id IN (old.account_id, new.account_id)
      AND dedupe_key IN (old.dedupe_key, new.dedupe_key));
END;
CREATE TRIGGER transaction_notes_fts_delete AFTER DELETE ON transaction_notes BEGIN
  DELETE FROM transaction_fts WHERE rowid IN
    (SELECT id FROM transactions WHERE account_id = old.account_id AND dedupe_key = old.dedupe_key);
  INSERT INTO transaction_fts (rowid, body, note, tags) SELECT s.id, s.body, s.note, s.tags FROM transaction_search_text s
    WHERE s.id IN (SELECT id FROM transactions WHERE account_id = old.account_id AND dedupe_key = old.dedupe_key);
END;
CREATE TRIGGER transaction_tags_fts_insert AFTER INSERT ON transaction_tags BEGIN
  DELETE FROM transaction_fts WHERE rowid IN
    (SELECT id FROM transactions WHERE account_id = new.account_id AND dedupe_key = new.dedupe_key);
  INSERT INTO transaction_fts (rowid, body, note, tags) SELECT s.id, s.body, s.note, s.tags FROM transaction_search_text s
    WHERE s.id IN (SELECT id FROM transactions WHERE account_id = new.account_id AND dedupe_key = new.dedupe_key);
END;
CREATE TRIGGER transaction_tags_fts_delete AFTER DELETE ON transaction_tags BEGIN
  DELETE FROM transaction_fts WHERE rowid IN
    (SELECT id FROM transactions WHERE account_id = old.account_id AND dedupe_key = old.dedupe_key);
  INSERT INTO transaction_fts (rowid, body, note, tags) SELECT s.id, s.body, s.note, s.tags FROM transaction_search_text s
    WHERE s.id IN (SELECT id FROM transactions WHERE account_id = old.account_id AND dedupe_key = old.dedupe_key);
END;

-- Category names, for words that name a category ("lebensmittel" finds every groceries row).
CREATE VIRTUAL TABLE category_fts USING fts5(
  name, slug,
  content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIEW category_search_text AS
SELECT id,
  replace(replace(replace(replace(replace(replace(replace(replace(name,
    'ä', 'ae'), 'Ä', 'Ae'), 'ö', 'oe'), 'Ö', 'Oe'), 'ü', 'ue'), 'Ü', 'Ue'), 'ß', 'ss'), 'ẞ', 'SS') AS name,
  replace(slug, '-', ' ') AS slug
FROM categories;
INSERT INTO category_fts (rowid, name, slug) SELECT id, name, slug FROM category_search_text;
CREATE TRIGGER category_fts_insert AFTER INSERT ON categories BEGIN
  INSERT INTO category_fts (rowid, name, slug) SELECT id, name, slug FROM category_search_text WHERE id = new.id;
END;
CREATE TRIGGER category_fts_update AFTER UPDATE OF name, slug ON categories BEGIN
  DELETE FROM category_fts WHERE rowid = old.id;
  INSERT INTO category_fts (rowid, name, slug) SELECT id, name, slug FROM category_search_text WHERE id = new.id;
END;
CREATE TRIGGER category_fts_delete AFTER DELETE ON categories BEGIN
  DELETE FROM category_fts WHERE rowid = old.id;
END;

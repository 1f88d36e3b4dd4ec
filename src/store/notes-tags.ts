import { TraxError } from '../domain/errors.js';
import type { Db } from './db.js';

/** A note's limit, in UTF-8 bytes: room for a paragraph or two, not for a pasted file. */
export const NOTE_MAX_BYTES = 10 * 1024;

/** One lowercase word: letters, digits and - _ . (so "urlaub-sylt-2026"); ledger and beancount accept them. */
const TAG = /^[\p{Ll}\p{Nd}][\p{Ll}\p{Nd}._-]{0,63}$/u;

/** The tag a user typed, lowercased; a sentence saying why when it cannot be one. */
export function checkTag(input: string): string {
  const tag = input.trim().toLowerCase();
  if (/\s/.test(tag)) throw new TraxError('usage', (m) => m.errTagSpace(input));
  if (!TAG.test(tag)) throw new TraxError('usage', (m) => m.errNotATag(input));
  return tag;
}

interface Identity {
  account_id: number;
  dedupe_key: string;
}

/**
 * Notes and tags of transactions. Stored by the row's identity (account + dedupe key), so a
 * re-sync or re-import that re-creates the row finds them again; the search index follows by
 * triggers (migration 011).
 */
export class NotesTagsStore {
  constructor(private readonly db: Db) {}

  private identity(transactionId: number): Identity {
    const row = this.db
      .prepare<[number], Identity>('SELECT account_id, dedupe_key FROM transactions WHERE id = ?')
      .get(transactionId);
    if (!row) throw new TraxError('not_found', (m) => m.errNoTransactionTx(transactionId));
    return row;
  }

  /** Sets the note; empty text clears it. Returns the note as stored (null when cleared). */
  setNote(transactionId: number, text: string, now: Date): string | null {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > NOTE_MAX_BYTES)
      throw new TraxError(
        'usage',
        `The note is ${Math.ceil(bytes / 1024)} KB; a note can hold at most 10 KB, so nothing was saved.`,
      );
    const id = this.identity(transactionId);
    const note = text.trim();
    if (!note) {
      this.db.prepare('DELETE FROM transaction_notes WHERE account_id = ? AND dedupe_key = ?').run(id.account_id, id.dedupe_key);
      return null;
    }
    this.db
      .prepare(
        `INSERT INTO transaction_notes (account_id, dedupe_key, text, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (account_id, dedupe_key) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at`,
      )
      .run(id.account_id, id.dedupe_key, note, now.toISOString());
    return note;
  }

  /** Adds and removes tags in one transaction; every tag is checked before anything is written. */
  changeTags(transactionId: number, add: string[], remove: string[], now: Date): string[] {
    const plus = add.map(checkTag);
    const minus = remove.map(checkTag);
    const id = this.identity(transactionId);
    const insert = this.db.prepare(
      'INSERT OR IGNORE INTO transaction_tags (account_id, dedupe_key, tag, created_at) VALUES (?, ?, ?, ?)',
    );
    const del = this.db.prepare('DELETE FROM transaction_tags WHERE account_id = ? AND dedupe_key = ? AND tag = ?');
    this.db.transaction(() => {
      for (const t of minus) del.run(id.account_id, id.dedupe_key, t);
      for (const t of plus) insert.run(id.account_id, id.dedupe_key, t, now.toISOString());
    })();
    return this.tagsOf([transactionId]).get(transactionId) ?? [];
  }

  /** Every tag in use, alphabetically (the dashboard's tag filter). */
  allTags(): string[] {
    return this.db.prepare('SELECT DISTINCT tag FROM transaction_tags ORDER BY tag').pluck().all() as string[];
  }

  /** Tags of these transactions, each list sorted. */
  tagsOf(transactionIds: number[]): Map<number, string[]> {
    const out = new Map<number, string[]>();
    if (transactionIds.length === 0) return out;
    const rows = this.db
      .prepare<[string], { id: number; tag: string }>(
        `SELECT t.id, g.tag FROM transactions t
         JOIN transaction_tags g ON g.account_id = t.account_id AND g.dedupe_key = t.dedupe_key
         WHERE t.id IN (SELECT value FROM json_each(?)) ORDER BY g.tag`,
      )
      .all(JSON.stringify(transactionIds));
    for (const r of rows) out.set(r.id, [...(out.get(r.id) ?? []), r.tag]);
    return out;
  }

  notesOf(transactionIds: number[]): Map<number, string> {
    if (transactionIds.length === 0) return new Map();
    const rows = this.db
      .prepare<[string], { id: number; text: string }>(
        `SELECT t.id, n.text FROM transactions t
         JOIN transaction_notes n ON n.account_id = t.account_id AND n.dedupe_key = t.dedupe_key
         WHERE t.id IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(transactionIds));
    return new Map(rows.map((r) => [r.id, r.text]));
  }
}

/**
 * Recurring payments: subscriptions, rent, insurance, licence fees. A series is money out to
 * the same payee (merchant, else counterparty, else description, normalized so reference
 * numbers and dates do not matter) at a steady amount and a steady cadence. The heuristics,
 * and why each threshold is what it is, are in docs/reports.md; they live in recurring-detect.ts.
 *
 * Detection over three years of history reads ~300k rows at 1M transactions (about 2 s), so the
 * dashboard keeps a `RecurringIndex`: the payments grouped by payee, and each group's series.
 * After a sync it reads only the rows the change log (`report_changes`, written by triggers in
 * the writer's own transaction) names, and re-runs the heuristics only on the groups they are in.
 * `detectRecurring` is the same index built from scratch, so both always give the same answer.
 */
import { normalizeText } from '../categorize/normalize.js';
import { addDays } from '../domain/dates.js';
import type { Db } from '../store/db.js';
import { ReportChanges } from '../store/report-changes.js';
import { REPORT_KEY } from './report-key.js';
import { byDay, dayNumber, describe, LOOKBACK_DAYS, seriesIn, type Found, type Occ, type RecurringSeries } from './recurring-detect.js';
import { keyToLocalDate, localDate } from './tz.js';

export { amountTolerance, type Cadence, type RecurringSeries } from './recurring-detect.js';

/** Past this many changed rows a rebuild costs no more than applying them one by one. */
const REBUILD_AFTER_CHANGES = 50_000;

/**
 * Money out that can be a recurring payment: booked, not a transfer, not income, not hidden. A
 * split that adds up to its booking recurs with the parts that are spending (rent 900 of a 1,000
 * standing order whose other 100 go to savings), in the category of its largest such part; a
 * split that no longer adds up counts as the booking, as in the reports (split-adjust.ts).
 */
const ROWS_SQL = `WITH parts AS (
    SELECT p.transaction_id AS tid, sum(p.amount_minor) AS total,
      sum(CASE WHEN p.amount_minor < 0 AND coalesce(pc.kind, 'uncategorized') IN ('expense', 'uncategorized') THEN p.amount_minor ELSE 0 END) AS spent,
      min(CASE WHEN p.amount_minor < 0 AND coalesce(pc.kind, 'uncategorized') IN ('expense', 'uncategorized') THEN p.amount_minor END) AS largest,
      pc.slug AS slug
    FROM split_parts p LEFT JOIN categories pc ON pc.id = p.category_id GROUP BY p.transaction_id)
  SELECT t.id AS id, ${REPORT_KEY} AS k, t.booking_date AS bookingDate,
    CASE WHEN s.total = t.amount_minor THEN s.spent ELSE t.amount_minor END AS amount,
    t.currency AS currency,
    coalesce(nullif(trim(t.merchant), ''), nullif(trim(t.counterparty_name), ''), t.description) AS name,
    CASE WHEN s.total = t.amount_minor THEN s.slug ELSE c.slug END AS slug
  FROM transactions t LEFT JOIN categories c ON c.id = t.category_id LEFT JOIN parts s ON s.tid = t.id
  WHERE t.booking_date >= @since AND t.pending = 0 AND t.amount_minor < 0 AND t.transfer_pair_id IS NULL
    AND t.hidden_at IS NULL
    AND CASE WHEN s.total = t.amount_minor THEN s.spent < 0
      ELSE coalesce(c.kind, 'uncategorized') IN ('expense', 'uncategorized') END`;

interface Row {
  id: number;
  k: string;
  bookingDate: string;
  amount: number;
  currency: string;
  name: string;
  slug: string | null;
}

interface Group {
  currency: string;
  occs: Map<number, Occ>;
  /** The group's series, independent of today; null when its rows changed since. */
  found: Found[] | null;
}

export class RecurringIndex {
  private readonly groups = new Map<string, Group>();
  /** Transaction id → its group, to take a changed row out of the group it was in. */
  private readonly groupOf = new Map<number, string>();
  private readonly normalized = new Map<string, string>();
  private seq = -1;
  /** The largest transaction id read: rows above it are new (inserts are not logged). */
  private maxId = 0;
  private since = '';
  /** Slugs and kinds of the categories: a rename or a change of kind rebuilds. */
  private categories = '';

  constructor(readonly timezone: string) {}

  /** The series as of `now`, after applying what changed in the database since the last call. */
  series(db: Db, now: Date): RecurringSeries[] {
    const today = localDate(now, this.timezone);
    this.refresh(db, addDays(today, -LOOKBACK_DAYS));
    const found: RecurringSeries[] = [];
    for (const [key, g] of this.groups) {
      if (g.found === null) {
        const occs = [...g.occs.values()].sort(byDay);
        g.found = occs.length < 2 ? [] : seriesIn(occs);
      }
      const keys = new Set<string>();
      for (const s of g.found) {
        const result = describe(key, g.currency, s.rule, s.items, today);
        if (!result) continue;
        // Two series of one payee at one cadence (two subscriptions at different prices).
        const id = keys.has(result.key) ? `${result.key}:${result.lastDate}` : result.key;
        keys.add(id);
        found.push({ ...result, key: id });
      }
    }
    return found.sort((a, b) => b.annualMinor - a.annualMinor || a.name.localeCompare(b.name) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** One read transaction, so the change log position and the rows read are one snapshot. */
  private refresh(db: Db, since: string): void {
    db.transaction(() => {
      const categories = db
        .prepare<[], string | null>("SELECT group_concat(id || ':' || slug || ':' || kind, ',') FROM (SELECT * FROM categories ORDER BY id)")
        .pluck()
        .get() ?? '';
      const log = new ReportChanges(db);
      // The clock going back (a test, a fixed clock) widens the window: rows must be read again.
      const changes = this.seq < 0 || categories !== this.categories || since < this.since ? null : log.since(this.seq, REBUILD_AFTER_CHANGES);
      const maxId = db.prepare<[], number | null>('SELECT max(id) FROM transactions').pluck().get() ?? 0;
      if (changes === null) {
        this.rebuild(db, since, log.latest());
      } else {
        this.apply(db, changes.ids, since);
        this.addNew(db, since, maxId);
        if (since > this.since) this.dropBefore(since);
        this.seq = changes.latest;
      }
      this.categories = categories;
      this.since = since;
      this.maxId = maxId;
    })();
  }

  private rebuild(db: Db, since: string, seq: number): void {
    this.groups.clear();
    this.groupOf.clear();
    for (const r of db.prepare<[{ since: string }], Row>(ROWS_SQL).all({ since })) this.add(r);
    this.seq = seq;
  }

  private apply(db: Db, ids: number[], since: string): void {
    if (!ids.length) return;
    for (const id of ids) this.remove(id);
    const rows = db
      .prepare<[{ since: string; ids: string }], Row>(`${ROWS_SQL} AND t.id IN (SELECT value FROM json_each(@ids))`)
      .all({ since, ids: JSON.stringify(ids) });
    for (const r of rows) this.add(r);
  }

  private addNew(db: Db, since: string, maxId: number): void {
    if (maxId <= this.maxId) return;
    const rows = db.prepare<[{ since: string; from: number; to: number }], Row>(`${ROWS_SQL} AND t.id > @from AND t.id <= @to`).all({ since, from: this.maxId, to: maxId });
    for (const r of rows) {
      this.remove(r.id); // an id reused after a delete
      this.add(r);
    }
  }

  private add(r: Row): void {
    let norm = this.normalized.get(r.name);
    if (norm === undefined) {
      norm = normalizeText(r.name);
      this.normalized.set(r.name, norm);
    }
    if (!norm) return;
    const key = `${r.currency}:${norm}`;
    let g = this.groups.get(key);
    if (!g) {
      g = { currency: r.currency, occs: new Map(), found: null };
      this.groups.set(key, g);
    }
    const date = keyToLocalDate(r.k, this.timezone);
    g.occs.set(r.id, {
      id: r.id,
      bookingDate: r.bookingDate,
      date,
      day: dayNumber(date),
      amount: -r.amount,
      name: r.name.trim(),
      slug: r.slug ?? 'uncategorized',
      used: false,
    });
    g.found = null;
    this.groupOf.set(r.id, key);
  }

  private remove(id: number): void {
    const key = this.groupOf.get(id);
    if (key === undefined) return;
    this.groupOf.delete(id);
    const g = this.groups.get(key)!;
    g.occs.delete(id);
    g.found = null;
    if (!g.occs.size) this.groups.delete(key);
  }

  /** A new day moves the look-back window: payments that fell out of it leave their groups. */
  private dropBefore(since: string): void {
    for (const g of this.groups.values()) {
      for (const o of g.occs.values()) if (o.bookingDate < since) this.remove(o.id);
    }
  }
}

/** Every recurring series, computed from scratch (`trax recurring`; the dashboard keeps an index). */
export function detectRecurring(db: Db, opts: { now: Date; timezone: string }): RecurringSeries[] {
  return new RecurringIndex(opts.timezone).series(db, opts.now);
}

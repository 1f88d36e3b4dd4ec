import type { App } from '../app.js';
import { addDays } from '../domain/dates.js';
import type { PipelineContext } from './pipeline.js';

/** Banks book the two sides of a transfer up to a few days apart (weekends, SEPA cut-offs). */
export const TRANSFER_WINDOW_DAYS = 3;

interface Row {
  id: number;
  account_id: number;
  booking_date: string;
  amount_minor: number;
  currency: string;
  counterparty_iban: string | null;
}

/**
 * Money moved between the user's own accounts is neither spending nor income. Two booked rows
 * are a pair when they are opposite amounts in the same currency on two different own accounts
 * within TRANSFER_WINDOW_DAYS (closest dates first); a row whose counterparty IBAN is one of the
 * user's own accounts pairs only with that account, and is a transfer even when the other side is
 * not synced. Rows the user
 * categorized themselves, or said are not a transfer (the review inbox), are left alone.
 * Returns the number of pairs made.
 */
export function pairTransfers(
  app: App,
  ctx: PipelineContext,
  opts: { since?: string; /** Rows read per query; small in tests to cross many page ends. */ pageSize?: number } = {},
): number {
  const PAGE = opts.pageSize ?? DEFAULT_PAGE;
  const transfersId = ctx.slugToId.get('transfers');
  if (transfersId === undefined) return 0;
  /** The user's own accounts by IBAN (as banks print it: any case, any spacing). */
  const ownByIban = new Map(
    (app.db.prepare(`SELECT iban, id FROM accounts WHERE iban IS NOT NULL`).all() as Array<{ iban: string; id: number }>).map(
      (a) => [a.iban.replace(/\s+/g, '').toUpperCase(), a.id],
    ),
  );
  const namedAccount = (r: Row): number | undefined =>
    r.counterparty_iban ? ownByIban.get(r.counterparty_iban.replace(/\s+/g, '').toUpperCase()) : undefined;
  /**
   * A row that names the own account it moved money to or from pairs only with a row on that
   * account. Otherwise, when one bank's sync fails mid-way, an "Umbuchung" from Girokonto to
   * Extra-Konto could pair with a cash withdrawal of the same amount at another bank, and the
   * real partner arriving later would find it taken.
   */
  const fits = (a: Row, b: Row): boolean => {
    const na = namedAccount(a);
    const nb = namedAccount(b);
    return (na === undefined || na === b.account_id) && (nb === undefined || nb === a.account_id);
  };
  const since = opts.since ? addDays(opts.since, -TRANSFER_WINDOW_DAYS) : '0000-00-00';
  // Read in date order a page at a time, after the last row read (so an update to a row already
  // read cannot bring it back): a first sync or a yearly CAMT file is a million rows, and held
  // as objects all at once they were most of an import's peak memory.
  // The first term bounds the index range (the resumed day's earlier rows are skipped by the second).
  const page = app.db.prepare<[{ from: string; id: number; limit: number }], Row>(
    `SELECT id, account_id, booking_date, amount_minor, currency, counterparty_iban FROM transactions
     WHERE booking_date >= @from AND (booking_date > @from OR id > @id) AND pending = 0
       AND transfer_pair_id IS NULL AND amount_minor != 0
       AND (category_source IS NULL OR category_source NOT IN ('user', 'rule'))
       AND NOT EXISTS (SELECT 1 FROM transfer_refusals r
                       WHERE r.account_id = transactions.account_id AND r.dedupe_key = transactions.dedupe_key)
     ORDER BY booking_date, id LIMIT @limit`,
  );
  const pair = app.db.prepare(
    `UPDATE transactions SET category_id = ?, category_source = 'transfer', category_confidence = 0.9, category_rule_id = NULL, transfer_pair_id = ? WHERE id = ?`,
  );
  const single = app.db.prepare(
    `UPDATE transactions SET category_id = ?, category_source = 'transfer', category_confidence = 0.8, category_rule_id = NULL WHERE id = ? AND category_source IS NOT 'transfer'`,
  );

  // The rows held: read, in (booking_date, id) order, from `settled` on. Those before `next` were
  // looked at as outflows; those booked before the current outflow's window are settled (no
  // outflow still to come can take them) and let go.
  const held: Row[] = [];
  let settled = 0;
  let next = 0;
  let exhausted = false;
  let after = { date: '', id: 0 };
  /** Inflows held, by currency and amount, oldest first. */
  const inflows = new Map<string, Row[]>();
  const inflowKey = (currency: string, minor: number) => `${currency}|${minor}`;
  const readPage = (): void => {
    const rows = page.all(
      after.date < since ? { from: since, id: 0, limit: PAGE } : { from: after.date, id: after.id, limit: PAGE },
    );
    if (rows.length < PAGE) exhausted = true;
    for (const r of rows) {
      held.push(r);
      if (r.amount_minor > 0) {
        const list = inflows.get(inflowKey(r.currency, r.amount_minor));
        if (list) list.push(r);
        else inflows.set(inflowKey(r.currency, r.amount_minor), [r]);
      }
    }
    const last = rows.at(-1);
    if (last) after = { date: last.booking_date, id: last.id };
  };
  const taken = new Set<number>();
  const settleBefore = (date: string): void => {
    while (settled < next && held[settled]!.booking_date < date) {
      const r = held[settled++]!;
      // A row paying one of the user's own accounts is a transfer even without its other side.
      if (!taken.has(r.id) && namedAccount(r) !== undefined) single.run(transfersId, r.id);
      taken.delete(r.id);
      if (r.amount_minor > 0) {
        const key = inflowKey(r.currency, r.amount_minor);
        const list = inflows.get(key)!;
        list.shift();
        if (list.length === 0) inflows.delete(key);
      }
    }
    if (settled >= PAGE) {
      held.splice(0, settled);
      next -= settled;
      settled = 0;
    }
  };

  let pairs = 0;
  app.db.transaction(() => {
    for (;;) {
      if (next === held.length && !exhausted) readPage();
      if (next === held.length) break;
      const out = held[next]!;
      const lo = addDays(out.booking_date, -TRANSFER_WINDOW_DAYS);
      const hi = addDays(out.booking_date, TRANSFER_WINDOW_DAYS);
      // Every inflow this outflow could take is held: all rows up to its window's end are read.
      while (!exhausted && held.at(-1)!.booking_date <= hi) readPage();
      settleBefore(lo);
      next++;
      if (out.amount_minor > 0 || taken.has(out.id)) continue;
      const candidates = inflows.get(inflowKey(out.currency, -out.amount_minor)) ?? [];
      let best: Row | null = null;
      let bestGap = Infinity;
      for (const c of candidates) {
        if (taken.has(c.id) || c.account_id === out.account_id || c.booking_date < lo || c.booking_date > hi || !fits(out, c))
          continue;
        const gap = Math.abs(Date.parse(c.booking_date) - Date.parse(out.booking_date));
        if (gap < bestGap) {
          best = c;
          bestGap = gap;
        }
      }
      if (best) {
        taken.add(out.id).add(best.id);
        pair.run(transfersId, best.id, out.id);
        pair.run(transfersId, out.id, best.id);
        pairs++;
      }
    }
    settleBefore('\uffff');
  })();
  return pairs;
}

const DEFAULT_PAGE = 5000;

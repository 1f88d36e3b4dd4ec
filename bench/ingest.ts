import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../src/store/db.js';
import { TransactionStore, type UpsertCounts } from '../src/store/transactions.js';
import { mapTransactions } from '../src/providers/truelayer/map.js';
import { envelope, transaction } from '../src/providers/truelayer/wire-types.js';

/** Rows per page, like one account window from the API. */
const PAGE = 5_000;
const MERCHANTS = [
  'REWE SAGT DANKE 44261234',
  'EDEKA CENTER',
  'Lidl sagt Danke',
  'DB Vertrieb GmbH',
  'Netflix.com',
  'AMZN Mktp DE',
  'Aral Station 1234',
  'dm-drogerie markt',
];

/** TrueLayer-shaped rows like ING's (no stable ids, so every row takes the fingerprint path). */
interface WireRow {
  transaction_id: string;
  timestamp: string;
  description: string;
  amount: number;
  currency: string;
  transaction_category: string;
  [k: string]: unknown;
}

function page(start: number, n: number): WireRow[] {
  const rows: WireRow[] = [];
  for (let i = start; i < start + n; i++) {
    const day = new Date(Date.UTC(2016, 0, 1) + Math.floor(i / 275) * 86_400_000).toISOString().slice(0, 10);
    const cents = -((i * 7919) % 25_000) - 1;
    rows.push({
      transaction_id: `tx${i.toString(16)}`,
      timestamp: `${day}T00:00:00+01:00`,
      description: `${MERCHANTS[i % MERCHANTS.length]} ${i % 97}`,
      amount: cents / 100,
      currency: 'EUR',
      transaction_type: 'DEBIT',
      transaction_category: 'PURCHASE',
      transaction_classification: [],
      meta: { provider_transaction_category: 'DEB' },
    });
  }
  return rows;
}

function freshDb(dir: string, name: string): { db: Db; accountId: number } {
  const db = openDatabase(path.join(dir, name));
  const now = new Date().toISOString();
  db.prepare(`INSERT INTO connections (id, provider, created_at, updated_at) VALUES ('bench', 'truelayer', ?, ?)`).run(now, now);
  const accountId = Number(
    db
      .prepare(
        `INSERT INTO accounts (connection_id, provider_account_id, name, kind, currency, created_at, updated_at) VALUES ('bench', 'a1', 'Girokonto', 'checking', 'EUR', ?, ?)`,
      )
      .run(now, now).lastInsertRowid,
  );
  return { db, accountId };
}

function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

export async function ingestBench(total: number): Promise<object[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'trax-bench-'));
  try {
    // Baseline: the same rows, already in column form, through one plain prepared INSERT.
    const base = freshDb(dir, 'raw');
    const insert = base.db.prepare(
      `INSERT INTO transactions (account_id, dedupe_key, provider_transaction_id, booking_date, booked_at, amount_minor, currency,
         description, merchant, counterparty_name, counterparty_iban, pending, provider_category, provider_classification, raw, first_seen_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, 0, ?, NULL, ?, ?, ?)`,
    );
    let rawMs = 0;
    for (let s = 0; s < total; s += PAGE) {
      // The same rows Trax stores, column for column, prepared outside the timed part:
      // the baseline is the INSERT alone.
      const mapped = mapTransactions('a1', page(s, Math.min(PAGE, total - s)) as never, false, 'bench');
      const cols = mapped.map((t) => [
        base.accountId,
        t.dedupeKey,
        t.providerTransactionId,
        t.bookingDate,
        t.bookedAt,
        t.amountMinor,
        t.currency,
        t.description,
        t.providerCategory,
        JSON.stringify(t.raw),
      ]);
      const t0 = performance.now();
      base.db.transaction(() => {
        const now = new Date().toISOString();
        for (const c of cols) insert.run(...c, now, now);
      })();
      rawMs += performance.now() - t0;
    }
    base.db.close();

    // Trax: zod validation of the response envelope, mapping (exact money, identity), idempotent upsert.
    const trax = freshDb(dir, 'trax');
    const store = new TransactionStore(trax.db);
    const schema = envelope(transaction);
    const run = (): { ms: number; counts: UpsertCounts } => {
      const counts: UpsertCounts = { added: 0, modified: 0, removed: 0 };
      let ms = 0;
      for (let s = 0; s < total; s += PAGE) {
        const body = { results: page(s, Math.min(PAGE, total - s)), status: 'Succeeded' };
        const t0 = performance.now();
        const parsed = schema.parse(body);
        const mapped = mapTransactions('a1', parsed.results, false, 'bench');
        trax.db.transaction(() => store.upsert(trax.accountId, mapped, new Date().toISOString(), counts))();
        ms += performance.now() - t0;
      }
      return { ms, counts };
    };
    const first = run();
    const second = run();
    trax.db.close();

    const rawRate = Math.round(total / (rawMs / 1000));
    const firstRate = Math.round(total / (first.ms / 1000));
    const secondRate = Math.round(total / (second.ms / 1000));
    return [
      {
        figure: 'ingest_truelayer_rows_per_s',
        rows: total,
        value: firstRate,
        unit: 'rows/s',
        baseline: 'raw better-sqlite3 INSERT of the same rows',
        baseline_value: rawRate,
        ratio: +(firstRate / rawRate).toFixed(3),
        target_ratio: 0.5,
        added: first.counts.added,
      },
      {
        figure: 'ingest_truelayer_duplicates_rows_per_s',
        rows: total,
        value: secondRate,
        unit: 'rows/s',
        baseline_value: rawRate,
        ratio: +(secondRate / rawRate).toFixed(3),
        added: second.counts.added,
        modified: second.counts.modified,
      },
      { figure: 'ingest_peak_rss_mb', rows: total, value: peakRssMb(), unit: 'MB', target: 500 },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

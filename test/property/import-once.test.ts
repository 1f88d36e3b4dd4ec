import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp } from '../../src/app.js';
import { parseConfig } from '../../src/config/index.js';
import { importFile } from '../../src/imports/pipeline/index.js';
import { writeIngCsv, type IngBooking } from '../helpers/ing-csv.js';

const IBAN = 'DE89370400440532013000';
const NOW = new Date('2026-06-15T10:00:00Z');
const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10);

/** Bookings over 20 days from a small vocabulary, so identical twins on one day are common. */
const bookings = fc.array(
  fc.record({
    day: fc.integer({ min: 0, max: 19 }),
    who: fc.constantFrom('Backwerk', 'REWE Markt GmbH', 'Stadtwerke'),
    amountMinor: fc.constantFrom(-240, -240, -1999, 250_000),
  }),
  { minLength: 1, maxLength: 40 },
);

const key = (b: { date: string; amountMinor: number; counterparty: string }) => `${b.date}|${b.amountMinor}|${b.counterparty}`;

describe('import adds each booking once', () => {
  it('overlapping files, in any order and repeated, leave exactly the bookings of the days they cover', async () => {
    await fc.assert(
      fc.asyncProperty(
        bookings,
        fc.integer({ min: 0, max: 19 }),
        fc.integer({ min: 0, max: 19 }),
        fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 2, maxLength: 5 }),
        async (raw, a, b, order) => {
          const all: IngBooking[] = raw.map((r) => ({
            date: day(r.day),
            counterparty: r.who,
            description: `${r.who} sagt danke`,
            amountMinor: r.amountMinor,
          }));
          const [lo, hi] = [Math.min(a, b), Math.max(a, b)];
          // File 0 covers days 0..hi, file 1 days lo..19: each lists every booking of its days.
          const files = [
            writeIngCsv(
              IBAN,
              all.filter((x) => x.date <= day(hi)),
            ),
            writeIngCsv(
              IBAN,
              all.filter((x) => x.date >= day(lo)),
            ),
          ];
          const dataDir = mkdtempSync(path.join(tmpdir(), 'trax-prop-import-'));
          const app = openApp(parseConfig({ TRAX_DATA_DIR: dataDir, TRAX_SECRET_KEY: 'ef'.repeat(32) }), { now: () => NOW });
          try {
            for (const i of [0, 1, ...order]) await importFile(app, files[i]!);
            const stored = app.db
              .prepare(
                'SELECT booking_date AS date, amount_minor AS amountMinor, counterparty_name AS counterparty FROM transactions',
              )
              .all() as Array<{ date: string; amountMinor: number; counterparty: string }>;
            expect(stored.map(key).sort()).toEqual(all.map(key).sort());
            expect(app.imports.openReviews()).toEqual([]);
          } finally {
            app.close();
            rmSync(dataDir, { recursive: true, force: true });
            for (const f of files) rmSync(path.dirname(f), { recursive: true, force: true });
          }
        },
      ),
      { numRuns: 40, seed: 20261202 },
    );
  });
});

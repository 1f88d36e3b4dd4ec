/**
 * Loads a labelled evaluation CSV: `description` (required), `merchant`, `amount` (optional),
 * `category` (required; `label` accepted as an alias, as the shared data set names it).
 */
import { readFileSync } from 'node:fs';
import type { LabeledExample } from '../learned/types.js';
import { parseCsv } from './csv.js';

export interface EvalCsv {
  rows: LabeledExample[];
}

export function loadEvalCsv(path: string): EvalCsv {
  return parseEvalCsv(readFileSync(path, 'utf8'), path);
}

export function parseEvalCsv(text: string, name = 'eval.csv'): EvalCsv {
  const [header, ...records] = parseCsv(text);
  const columns = (header ?? []).map((h) => h.trim().toLowerCase());
  const col = (...names: string[]) => columns.findIndex((c) => names.includes(c));
  const missing = (column: string) =>
    new Error(`${name} has no "${column}" column (columns: ${columns.length > 0 ? columns.join(', ') : 'none'})`);
  const d = col('description');
  if (d < 0) throw missing('description');
  const c = col('category', 'label');
  if (c < 0) throw missing('category');
  const m = col('merchant');
  const a = col('amount');

  const rows: LabeledExample[] = [];
  for (const r of records) {
    const category = (r[c] ?? '').trim();
    let description = (r[d] ?? '').trim();
    if (!category || !description) continue;
    let amountMinor: number | null = null;
    if (a >= 0) {
      const cell = (r[a] ?? '').trim();
      amountMinor = parseAmountMinor(cell);
      if (amountMinor === null && cell) {
        // Shifted columns: the tail of the description spilled into the amount cell
        // ("SMS Notification Fee Branch: ," + "470010 -0.80"). Take back the text, keep a trailing number.
        const split = /^(.*?)\s*([+-]?\d+(?:\.\d+)?)$/.exec(cell);
        const amount = split ? parseAmountMinor(split[2]!) : null;
        const text = amount !== null && split ? split[1]! : cell;
        if (/[a-z]/i.test(text) || amount !== null) {
          description = `${description} ${text}`.trim();
          amountMinor = amount;
        }
      }
    }
    const merchant = m >= 0 ? (r[m] ?? '').trim() || null : null;
    rows.push({ description, merchant, amountMinor, category });
  }
  return { rows };
}

const AMOUNT = /^([+-])?(\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+|\d+)(?:\.(\d{1,2}))?$/;

/**
 * Signed decimal to integer minor units (2 decimals), by string arithmetic, never float math:
 * "-12.30" -> -1230, "38 624.93" -> 3862493, "-650.0" -> -65000. Anything else -> null.
 */
export function parseAmountMinor(text: string): number | null {
  const t = text.trim();
  const m = AMOUNT.exec(t);
  if (!m) return null;
  const whole = m[2]!.replace(/[ \u00a0\u2009\u202f]/g, '');
  const minor = Number(whole + (m[3] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(minor)) return null;
  return m[1] === '-' && minor !== 0 ? -minor : minor;
}

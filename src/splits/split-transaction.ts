/**
 * Splitting a booking into parts and undoing it: the service behind `trax tx split` and the web
 * form. Everything is checked before anything is written.
 */
import type { App } from '../app.js';
import { TraxError } from '../domain/errors.js';
import { SplitStore, type SplitPart } from '../store/splits.js';
import { checkParts, parsePart, type PartInput } from './parts.js';

export function splitTransaction(app: App, transactionId: number, specs: readonly string[]): SplitPart[] {
  const splits = new SplitStore(app.db);
  const row = splits.origin(transactionId);
  if (row.pending) throw new TraxError('usage', (m) => m.errSplitPending(transactionId));
  const parts: PartInput[] = specs.map((s) => parsePart(s, row.amountMinor, row.currency));
  return saveParts(app, splits, transactionId, row.amountMinor, row.currency, parts);
}

/** The parts as already parsed (the web form sends amounts and slugs as fields). */
export function saveParts(
  app: App,
  splits: SplitStore,
  transactionId: number,
  bookingMinor: number,
  currency: string,
  parts: readonly PartInput[],
): SplitPart[] {
  const resolved = parts.map((p) => {
    const c = app.categories.bySlug(p.slug);
    if (!c) throw new TraxError('usage', (m) => m.errPartNoCategory(p.slug));
    return { amountMinor: p.amountMinor, categoryId: c.id, note: p.note };
  });
  checkParts(parts, bookingMinor, currency);
  splits.set(transactionId, resolved, app.now().toISOString());
  return splits.get(transactionId);
}

export function unsplitTransaction(app: App, transactionId: number): number {
  const splits = new SplitStore(app.db);
  splits.origin(transactionId);
  const n = splits.remove(transactionId);
  if (n === 0) throw new TraxError('usage', (m) => m.errNotSplit(transactionId));
  return n;
}

import type { App } from '../../app.js';
import { fingerprintKey } from '../../identity/fingerprint.js';
import { candidateWindow, decideMatch } from '../../identity/match.js';
import type { ImportStage } from '../../store/import-stage.js';
import type { ImportCounts, ReviewRow } from '../../store/imports.js';
import type { StatementRow } from '../types.js';

/**
 * Places each staged row of one account: already there from this source (a re-import, an
 * overlapping file), the same booking another source brought (linked, not added), more than one
 * possible match (held back for review), or new. With `write` off (a dry run, a preview) the same
 * decisions are made and counted and nothing is written; rows claimed earlier in the same file
 * are remembered so the counts equal what the write would do.
 */
export type Placement = 'new' | 'duplicate' | 'linked' | 'review';

export interface PreviewRow {
  placement: Placement;
  bookingDate: string;
  amountMinor: number;
  currency: string;
  description: string;
  counterpartyName: string | null;
  /** The row it matched (linked, duplicate) or could be (review). */
  matches: number[];
}

export interface PlaceContext {
  accountId: number;
  /** The account did not exist before this import: nothing can be there already. */
  isNew: boolean;
  format: string;
  importId: number | null;
  write: boolean;
  now: string;
  statements: ReadonlySet<number>;
  /** How a linked row's source is named for people ("synced from TrueLayer"). */
  sourceLabel: (source: string | null) => string;
  previewLimit: number;
}

export interface PlaceResult extends ImportCounts {
  linkedFrom: Map<string, number>;
  preview: PreviewRow[];
  replacedPending: number;
}

/** Crash-test hook, inert unless set: SIGKILL after this many rows are written, before commit. */
const KILL_AFTER_ROWS = Number(process.env.TRAX_TEST_KILL_IMPORT_AFTER_ROWS ?? 0);

const CHUNK = 2000;

export function sourceOf(format: string): string {
  return `file:${format}`;
}

export function placeRows(app: App, stage: ImportStage, ctx: PlaceContext): PlaceResult {
  const source = sourceOf(ctx.format);
  const prefix = `${source}:`;
  const out: PlaceResult = {
    added: 0,
    linked: 0,
    duplicates: 0,
    review: 0,
    linkedFrom: new Map(),
    preview: [],
    replacedPending: 0,
  };
  const claimed = new Set<number>();
  const pendingKeys: string[] = [];
  let first: string | null = null;
  let last: string | null = null;
  const perPlacement = new Map<Placement, number>();
  const show = (placement: Placement, r: StatementRow, matches: number[]) => {
    const n = perPlacement.get(placement) ?? 0;
    if (n >= ctx.previewLimit) return;
    perPlacement.set(placement, n + 1);
    out.preview.push({
      placement,
      bookingDate: r.bookingDate,
      amountMinor: r.amountMinor,
      currency: r.currency,
      description: r.description,
      counterpartyName: r.counterpartyName,
      matches,
    });
  };
  let written = 0;
  for (let after = 0; ;) {
    const rows = stage.chunk(after, CHUNK);
    if (rows.length === 0) break;
    after = rows.at(-1)!.seq;
    for (const staged of rows) {
      if (!ctx.statements.has(staged.statement)) continue;
      const r = JSON.parse(staged.data) as StatementRow;
      const key = fingerprintKey(prefix, staged.base, staged.ordinal);
      if (!first || r.bookingDate < first) first = r.bookingDate;
      if (!last || r.bookingDate > last) last = r.bookingDate;
      if (r.pending) pendingKeys.push(key);
      if (!ctx.isNew) {
        const existing = app.sightings.find(ctx.accountId, key);
        if (existing !== undefined || app.sightings.isTombstoned(ctx.accountId, key)) {
          out.duplicates++;
          show('duplicate', r, existing === undefined ? [] : [existing]);
          continue;
        }
        if (app.imports.inReview(ctx.accountId, key)) {
          out.review++;
          show('review', r, []);
          continue;
        }
        if (!r.pending) {
          const w = candidateWindow(r);
          const candidates = app.sightings
            .candidates(ctx.accountId, r.amountMinor, r.currency, w.from, w.to, source)
            .filter((c) => !claimed.has(c.id));
          const decision = decideMatch(
            {
              bookingDate: r.bookingDate,
              valueDate: r.valueDate,
              description: r.description,
              counterpartyName: r.counterpartyName,
              endToEndId: r.endToEndId,
              reference: r.bankReference,
            },
            candidates,
          );
          if (decision.kind === 'one') {
            claimed.add(decision.id);
            out.linked++;
            const from = ctx.sourceLabel(candidates.find((c) => c.id === decision.id)!.source);
            out.linkedFrom.set(from, (out.linkedFrom.get(from) ?? 0) + 1);
            show('linked', r, [decision.id]);
            if (ctx.write) app.sightings.addAlias(ctx.accountId, key, source, decision.id, ctx.importId, ctx.now);
            continue;
          }
          if (decision.kind === 'ambiguous') {
            out.review++;
            show('review', r, decision.ids);
            if (ctx.write) {
              app.imports.addReview({
                importId: ctx.importId,
                accountId: ctx.accountId,
                dedupeKey: key,
                source,
                row: reviewRow(r),
                candidates: decision.ids,
                transactionId: null,
                now: ctx.now,
              });
            }
            continue;
          }
        }
      }
      out.added++;
      show('new', r, []);
      if (ctx.write) {
        app.sightings.insertImported({
          accountId: ctx.accountId,
          dedupeKey: key,
          ...reviewRow(r),
          source,
          importId: ctx.importId!,
          now: ctx.now,
        });
        if (KILL_AFTER_ROWS > 0 && ++written === KILL_AFTER_ROWS) process.kill(process.pid, 'SIGKILL');
      }
    }
  }
  // Pending rows from an earlier file are a snapshot: a newer file of the same days replaces them.
  if (!ctx.isNew && first && last) {
    const stale = app.sightings.supersededPending(ctx.accountId, first, last, pendingKeys, ctx.importId ?? -1);
    out.replacedPending = stale.length;
    if (ctx.write) app.sightings.deleteRows(stale);
  }
  return out;
}

/** The values a row is stored (or held for review) with; the file's own piece stays in raw. */
export function reviewRow(r: StatementRow): ReviewRow {
  return {
    bookingDate: r.bookingDate,
    amountMinor: r.amountMinor,
    currency: r.currency,
    description: r.description || r.counterpartyName || r.bookingText || '',
    counterpartyName: r.counterpartyName,
    counterpartyIban: r.counterpartyIban,
    bankReference: r.bankReference,
    pending: r.pending,
    providerCategory: null,
    providerClassification: null,
    raw: JSON.stringify({
      valueDate: r.valueDate,
      endToEndId: r.endToEndId,
      mandateId: r.mandateId,
      creditorId: r.creditorId,
      bankReference: r.bankReference,
      bookingText: r.bookingText,
      fileCategory: r.fileCategory,
      reversal: r.reversal,
      position: r.position,
      file: r.raw,
    }),
  };
}

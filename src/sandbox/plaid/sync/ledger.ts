import { addDays } from '../../shared/dates.js';
import type { Persona, TxnSpec } from '../personas/index.js';
import { plaidId } from '../ids.js';

/**
 * One item's view of its bank data, kept as a change log so /transactions/sync can answer
 * "what changed since cursor N". Every add, modify and remove takes the next sequence number;
 * a cursor is a sequence number, so replaying from it is exact and cheap to reason about.
 */

export interface LiveRow {
  id: string;
  accountKey: string;
  spec: TxnSpec;
  pending: boolean;
  /** On a posted row that replaced a pending one (Plaid's pending_transaction_id). */
  pendingId: string | null;
  /** Plaid `date`: authorisation day while pending, posting day once posted. */
  date: string;
  amountCents: number;
  createdSeq: number;
  modifiedSeq: number;
}

interface Tombstone {
  id: string;
  accountKey: string;
  createdSeq: number;
  removedSeq: number;
}

export type Change =
  { kind: 'added' | 'modified'; seq: number; row: LiveRow } | { kind: 'removed'; seq: number; id: string; accountKey: string };

export class ItemLedger {
  private seq = 0;
  private readonly live = new Map<string, LiveRow>();
  private readonly removed: Tombstone[] = [];
  /** Pending rows by persona row key, so they can post later. */
  private readonly pendingByKey = new Map<string, LiveRow>();
  private readonly postedKeys = new Set<string>();
  private through: string | null = null;
  private extraCount = 0;

  constructor(
    private readonly persona: Persona,
    private readonly itemId: string,
    readonly historyStart: string,
  ) {}

  /** Bumps whenever anything an item would see changed; the mutation-during-pagination check. */
  get version(): number {
    return this.seq;
  }

  /**
   * Brings the item up to `today`: rows dated after the last refresh appear (pending if their
   * card purchase has not posted yet) and pending rows whose posting day has come post.
   */
  refresh(today: string): void {
    // Rows authorised up to 3 days before history starts may still post inside it.
    let day = this.through === null ? addDays(this.historyStart, -3) : addDays(this.through, 1);
    for (; day <= today; day = addDays(day, 1)) {
      for (const spec of this.persona.rowsFor(day)) {
        if (spec.postDay < this.historyStart || this.postedKeys.has(spec.key) || this.pendingByKey.has(spec.key)) continue;
        if (spec.postDay <= today) this.addPosted(spec, null, spec.postDay);
        else this.addPending(spec);
      }
    }
    for (const [key, row] of [...this.pendingByKey]) if (row.spec.postDay <= today) this.post(key, row.spec.postDay);
    if (this.through === null || today > this.through) this.through = today;
  }

  /** Posts every pending row today: their ids go to `removed`, the posted rows to `added`. */
  postAllPending(today: string): number {
    const keys = [...this.pendingByKey.keys()];
    for (const key of keys) this.post(key, today);
    return keys.length;
  }

  /** New posted purchases today and a $1/£1 amount correction on recent posted rows. */
  addActivity(today: string, added: number, modified: number): void {
    // Corrections first, so they land on rows the client already has (not on the new ones).
    const recent = [...this.live.values()]
      .filter((r) => !r.pending && r.amountCents > 0)
      .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : b.createdSeq - a.createdSeq));
    for (const row of recent.slice(0, modified)) {
      row.amountCents += 100;
      row.modifiedSeq = ++this.seq;
    }
    for (let i = 0; i < added; i++) this.addPosted(this.persona.extraRow(today, this.extraCount++), null, today);
  }

  rows(): IterableIterator<LiveRow> {
    return this.live.values();
  }

  /** Net changes after `from`, oldest first: what a sync loop starting at cursor `from` returns. */
  changesSince(from: number): Change[] {
    const out: Change[] = [];
    for (const row of this.live.values()) {
      if (row.createdSeq > from) out.push({ kind: 'added', seq: row.modifiedSeq, row });
      else if (row.modifiedSeq > from) out.push({ kind: 'modified', seq: row.modifiedSeq, row });
    }
    // A row created and removed after `from` was never seen by this client: nothing to report.
    for (const t of this.removed)
      if (t.createdSeq <= from && t.removedSeq > from)
        out.push({ kind: 'removed', seq: t.removedSeq, id: t.id, accountKey: t.accountKey });
    return out.sort((a, b) => a.seq - b.seq);
  }

  /** Posted and pending totals per account (Plaid sign), for balances. */
  totals(accountKey: string): { postedCents: number; pendingCents: number } {
    let postedCents = 0;
    let pendingCents = 0;
    for (const r of this.live.values()) {
      if (r.accountKey !== accountKey) continue;
      if (r.pending) pendingCents += r.amountCents;
      else postedCents += r.amountCents;
    }
    return { postedCents, pendingCents };
  }

  private addPosted(spec: TxnSpec, pendingId: string | null, date: string): void {
    const seq = ++this.seq;
    const id = plaidId(this.itemId, spec.key, 'posted');
    this.live.set(id, {
      id,
      accountKey: spec.accountKey,
      spec,
      pending: false,
      pendingId,
      date,
      amountCents: spec.amountCents,
      createdSeq: seq,
      modifiedSeq: seq,
    });
    this.postedKeys.add(spec.key);
  }

  private addPending(spec: TxnSpec): void {
    const seq = ++this.seq;
    const id = plaidId(this.itemId, spec.key, 'pending');
    const row: LiveRow = {
      id,
      accountKey: spec.accountKey,
      spec,
      pending: true,
      pendingId: null,
      date: spec.authDay,
      amountCents: spec.amountCents,
      createdSeq: seq,
      modifiedSeq: seq,
    };
    this.live.set(id, row);
    this.pendingByKey.set(spec.key, row);
  }

  private post(key: string, date: string): void {
    const pending = this.pendingByKey.get(key);
    if (!pending) return;
    this.pendingByKey.delete(key);
    this.live.delete(pending.id);
    this.removed.push({ id: pending.id, accountKey: pending.accountKey, createdSeq: pending.createdSeq, removedSeq: ++this.seq });
    this.addPosted(pending.spec, pending.id, date < pending.spec.authDay ? pending.spec.authDay : date);
  }
}

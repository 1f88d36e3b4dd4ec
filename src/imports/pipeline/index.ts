import type { App } from '../../app.js';
import { categorizeTransactions } from '../../categorize/run.js';
import { TraxError, type Told } from '../../domain/errors.js';
import { providerPolicy } from '../../providers/registry.js';
import { inTransaction } from '../../store/db.js';
import { ImportStage } from '../../store/import-stage.js';
import type { BalanceCheck } from '../../store/imports.js';
import { resolveAccount, type AccountTarget } from './accounts.js';
import { placeRows, type PreviewRow } from './place.js';
import { readStatementFile, type ReadOptions, type ReadStatement } from './read.js';

/**
 * `trax import` and the web's "Import a file": read → match accounts → place every row → write,
 * the write being ONE SQLite transaction per file (all or nothing). A dry run makes exactly the
 * same decisions and writes nothing. Files are only read, never modified or moved.
 */
export interface ImportOptions extends ReadOptions {
  accountId?: number;
  dryRun?: boolean;
  /** How many rows of each kind the preview lists. */
  previewLimit?: number;
  /** What the import is doing, told from the catalogue so the terminal shows it in its language. */
  onProgress?: (say: Told) => void;
}

/** One file's result for one account (a file with statements of two accounts gives two). */
export interface ImportResult {
  file: string;
  fileName: string;
  format: string;
  formatLabel: string;
  sha256: string;
  accountId: number | null;
  accountName: string;
  newAccount: boolean;
  importId: number | null;
  added: number;
  linked: number;
  duplicates: number;
  review: number;
  /** Imported pending rows of earlier files that this file's rows replace. */
  replacedPending: number;
  /** Linked rows by where they came from ("synced from TrueLayer": 61). */
  linkedFrom: Record<string, number>;
  balanceCheck: BalanceCheck | null;
  firstDate: string | null;
  lastDate: string | null;
  preview: PreviewRow[];
  dryRun: boolean;
}

/** opening + entries = closing, per statement; the first statement that does not add up is reported. */
export function balanceCheck(statements: readonly ReadStatement[]): BalanceCheck | null {
  const checkable = statements.filter((s) => s.opening && s.closing);
  if (checkable.length === 0) return null;
  const bad = checkable.find((s) => s.opening!.minor + s.entriesMinor !== s.closing!.minor);
  if (bad) {
    return {
      ok: false,
      currency: bad.closing!.currency,
      openingMinor: bad.opening!.minor,
      entriesMinor: bad.entriesMinor,
      expectedMinor: bad.opening!.minor + bad.entriesMinor,
      closingMinor: bad.closing!.minor,
    };
  }
  // All add up: report the whole file's span (first opening, all entries, last closing).
  const firstS = checkable[0]!;
  const lastS = checkable.at(-1)!;
  const entries = checkable.reduce((n, s) => n + s.entriesMinor, 0);
  return {
    ok: true,
    currency: lastS.closing!.currency,
    openingMinor: firstS.opening!.minor,
    entriesMinor: entries,
    expectedMinor: firstS.opening!.minor + entries,
    closingMinor: lastS.closing!.minor,
  };
}

function groupByAccount(statements: readonly ReadStatement[]): ReadStatement[][] {
  const groups = new Map<string, ReadStatement[]>();
  for (const s of statements) {
    const g = groups.get(s.accountKey) ?? [];
    g.push(s);
    groups.set(s.accountKey, g);
  }
  return [...groups.values()];
}

function sourceLabeller(app: App, accountId: number | null): (source: string | null) => string {
  return (source) => {
    if (source === null) {
      const account = accountId === null ? undefined : app.accounts.get(accountId);
      const connection = account && app.connections.get(account.connectionId);
      return `synced from ${connection ? providerPolicy(connection.provider).label : 'the bank'}`;
    }
    return `imported from a ${source.replace(/^file:/, '')} file`;
  };
}

export async function importFile(app: App, file: string, opts: ImportOptions = {}): Promise<ImportResult[]> {
  const stage = new ImportStage(app.db);
  try {
    const read = await readStatementFile(
      file,
      stage,
      {
        ...opts,
        savedMapping: (columns) => app.imports.mappingsFor(columns, opts.accountId)[0] ?? null,
      },
      (n) => opts.onProgress?.((m) => m.importProgressRead(n)),
    );
    const groups = groupByAccount(read.statements);
    // A layout mapped once for an account goes to that account again.
    const accountId = opts.accountId ?? read.mapping?.savedFor;
    if (accountId !== undefined && groups.length > 1) {
      const n = groups.length;
      throw new TraxError('import_refused', (m) => m.errImportManyAccounts(read.fileName, n));
    }
    const targets = groups.map((g) =>
      resolveAccount(app, read.fileName, g, {
        accountId,
        currency: opts.currency,
        formatLabel: read.parser.label,
        format: read.parser.id,
      }),
    );
    const now = app.now().toISOString();
    const write = !opts.dryRun;
    const run = () =>
      groups.map((statements, i): ImportResult => {
        const target = targets[i]!;
        const accountId = write ? materialize(app, target, read.parser.label, now) : accountIdOf(target);
        const importId =
          write && accountId !== null
            ? app.imports.create({ fileName: read.fileName, sha256: read.sha256, format: read.parser.id, accountId, now })
            : null;
        const placed = placeRows(app, stage, {
          accountId: accountId ?? -1,
          isNew: target.kind === 'new',
          format: read.parser.id,
          importId,
          write,
          now,
          statements: new Set(statements.map((s) => s.index)),
          sourceLabel: sourceLabeller(app, accountId),
          previewLimit: opts.previewLimit ?? 20,
        });
        const balance = balanceCheck(statements);
        const dates = statements
          .flatMap((s) => [s.firstDate, s.lastDate])
          .filter((d): d is string => d !== null)
          .sort();
        const range = { first: dates[0] ?? null, last: dates.at(-1) ?? null };
        if (importId !== null) app.imports.finish(importId, placed, balance, range);
        const closing = statements.at(-1)!.closing;
        if (write && accountId !== null && closing?.date) {
          app.balances.recordIfAbsent({
            accountId,
            currency: closing.currency,
            currentMinor: closing.minor,
            availableMinor: null,
            asOf: `${closing.date}T23:59:59.000Z`,
          });
        }
        if (write && read.mapping && accountId !== null) {
          app.imports.saveMapping(accountId, read.mapping.columns, read.mapping.map, now);
        }
        return {
          file,
          fileName: read.fileName,
          format: read.parser.id,
          formatLabel: read.parser.label,
          sha256: read.sha256,
          accountId,
          accountName: target.kind === 'existing' ? target.account.name : target.name,
          newAccount: target.kind === 'new',
          importId,
          added: placed.added,
          linked: placed.linked,
          duplicates: placed.duplicates,
          review: placed.review,
          replacedPending: placed.replacedPending,
          linkedFrom: Object.fromEntries(placed.linkedFrom),
          balanceCheck: balance,
          firstDate: range.first,
          lastDate: range.last,
          preview: placed.preview,
          dryRun: !write,
        };
      });
    opts.onProgress?.((m) => (write ? m.importProgressWriting : m.importProgressChecking));
    const results = write ? inTransaction(app.db, `import ${read.fileName}`, run) : run();
    // Imported rows get categories (and transfers paired) exactly as synced ones do.
    if (write && results.some((r) => r.added > 0)) {
      opts.onProgress?.((m) => m.importProgressCategorizing);
      categorizeTransactions(app);
    }
    return results;
  } finally {
    stage.drop();
  }
}

function accountIdOf(t: AccountTarget): number | null {
  return t.kind === 'existing' ? t.account.id : null;
}

/** Creates the offline account (and its 'file' connection) a new target needs; inside the import's transaction. */
function materialize(app: App, t: AccountTarget, formatLabel: string, now: string): number {
  if (t.kind === 'existing') return t.account.id;
  const institution = formatLabel.replace(/\s*\(.*\)\s*$/, '').replace(/\s+CSV$/, '');
  const connection = app.connections.createFileConnection(institution, now);
  return app.accounts.createOffline(
    connection.id,
    {
      providerAccountId: t.iban ?? t.accountNumber ?? `${connection.id}-1`,
      name: t.name,
      kind: 'checking',
      currency: t.currency,
      iban: t.iban,
      numberHint: t.iban ? null : t.accountNumber,
    },
    now,
  );
}

import type { Command } from 'commander';
import type { App } from '../../app.js';
import { minorToDecimalString } from '../../domain/money.js';
import { out, withApp } from '../context.js';
import { clean, cliText, json, table, type CliText } from '../output.js';

export function registerAccounts(program: Command): void {
  program
    .command('accounts')
    .description('list accounts with their latest balances')
    .option('--json', 'print as JSON (amounts as integer minor units and exact decimal strings)')
    .action(async (opts: { json?: boolean }) => {
      await withApp((app) => {
        const rows = accountRows(app);
        if (opts.json) return out(json(rows));
        out(accountsText(rows));
      });
    });
}

export type AccountRow = ReturnType<typeof accountRows>[number];

export function accountRows(app: App) {
  const balances = app.balances.latest();
  const connections = new Map(app.connections.list().map((c) => [c.id, c]));
  return app.accounts.list().map((a) => {
    const b = balances.get(a.id);
    return {
      id: a.id,
      connectionId: a.connectionId,
      bank: connections.get(a.connectionId)?.institutionName ?? null,
      name: a.name,
      kind: a.kind,
      currency: a.currency,
      iban: a.iban,
      number: a.numberHint,
      balance: b
        ? {
            currentMinor: b.currentMinor,
            current: minorToDecimalString(b.currentMinor, b.currency),
            availableMinor: b.availableMinor,
            currency: b.currency,
            asOf: b.asOf,
          }
        : null,
    };
  });
}

export function accountsText(rows: AccountRow[], t: CliText = cliText()): string {
  const { m } = t;
  if (rows.length === 0) return m.cliNoAccounts;
  return table(
    [m.cliId, m.cliBank, m.cliAccount, m.cliType, m.cliIbanNumber, m.cliBalance, m.cliAsOf],
    rows.map((r) => [
      String(r.id),
      clean(r.bank),
      clean(r.name),
      r.kind,
      clean(r.iban ?? r.number),
      r.balance ? t.money(r.balance.currentMinor, r.balance.currency) : '—',
      r.balance ? t.day(r.balance.asOf.slice(0, 10)) : '',
    ]),
  );
}

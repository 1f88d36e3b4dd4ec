import type { Command } from 'commander';
import type { App } from '../../app.js';
import { minorToDecimalString } from '../../domain/money.js';
import { out, withApp } from '../context.js';
import { clean, cliText, json, table, type CliText } from '../output.js';

export function registerAccounts(program: Command): void {
  const accounts = program
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
  accounts
    .command('add <name>')
    .description('add an account you keep by hand (cash, a piggy bank): no bank, bookings via `trax tx add`')
    .option('--kind <kind>', 'cash (default), checking, savings, credit_card, business or other', 'cash')
    .requiredOption('--currency <code>', 'ISO 4217 code, e.g. EUR')
    .option('--opening <amount>', 'what it holds before the first booking you enter, e.g. 50.00')
    .addHelpText('after', '\nExamples:\n  trax accounts add "Bargeld" --kind cash --currency EUR --opening 50.00')
    .action(async (name: string, opts: { kind: string; currency: string; opening?: string }) => {
      // Loaded here: the listing above is a read command and should not load the categorizer.
      await withApp(async (app) => {
        const { addManualAccount } = await import('../../manual/entries.js');
        const a = addManualAccount(app, { name, ...opts });
        const t = cliText();
        const currency = opts.currency.toUpperCase();
        out(t.m.cliAccountAdded(a.id, clean(name.trim()), opts.kind, currency, t.money(a.openingMinor, currency)));
        out(t.m.cliAccountAddHint(a.id));
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

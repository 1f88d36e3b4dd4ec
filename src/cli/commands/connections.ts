import { providerPolicy } from '../../providers/registry.js';
import type { Command } from 'commander';
import { out, withApp } from '../context.js';
import { clean, cliText, colors, expiry, json, status, table } from '../output.js';

export function registerConnections(program: Command): void {
  program
    .command('connections')
    .description('list linked banks with status and consent expiry')
    .option('--json', 'print as JSON')
    .addHelpText(
      'after',
      `
Consent expiry is red once expired and yellow within 7 days. Renew an expiring bank in place with
\`trax connect PROVIDER --relink ID\` (e.g. \`trax connect enablebanking --relink eb-…\`); its
accounts and history stay.`,
    )
    .action(async (opts: { json?: boolean }) => {
      await withApp((app) => {
        const now = app.now();
        const accounts = app.accounts.list();
        const rows = app.connections.list().map((c) => ({
          id: c.id,
          provider: c.provider,
          environment: c.environment,
          institution: c.institutionName,
          accounts: accounts.filter((a) => a.connectionId === c.id).length,
          status: c.status,
          consentExpiresAt: c.consentExpiresAt,
          lastSyncedAt: c.lastSyncedAt,
          lastError: c.lastError,
        }));
        if (opts.json) return out(json(rows));
        const t = cliText();
        const { m } = t;
        if (rows.length === 0) return out(m.cliNoConnections);
        out(
          table(
            [m.cliId, m.cliProvider, m.cliBank, m.cliAccounts, m.cliStatus, m.cliConsentExpires, m.cliLastSync],
            rows.map((r) => [
              r.id,
              r.provider + (r.environment === 'sandbox' ? m.cliSandbox : ''),
              clean(r.institution),
              String(r.accounts),
              status(r.status, t),
              providerPolicy(r.provider).syncs ? expiry(r.consentExpiresAt, now, t) : colors.dim(m.cliNoConsent),
              r.lastSyncedAt
                ? `${t.day(r.lastSyncedAt.slice(0, 10))} ${r.lastSyncedAt.slice(11, 16)}`
                : providerPolicy(r.provider).syncs
                  ? m.cliNever
                  : '—',
            ]),
          ),
        );
        // A disconnected bank's last failure is history, not something to act on.
        for (const r of rows)
          if (r.lastError && r.status !== 'active' && r.status !== 'revoked') out(`${r.id}: ${clean(r.lastError)}`);
      });
    });
}

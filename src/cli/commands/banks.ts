import type { Command } from 'commander';
import type { App } from '../../app.js';
import { TraxError } from '../../domain/errors.js';
import { PROVIDER_IDS, type ProviderId } from '../../providers/registry.js';
import { out, withApp } from '../context.js';
import { clean, cliText, json, table } from '../output.js';

interface BankRow {
  name: string;
  country: string;
  maxConsentDays: number;
  psuTypes: string[];
  beta: boolean;
}

/** Providers with a bank catalogue to list; the others pick the bank in their own login page. */
const BANK_LISTS: Partial<Record<ProviderId, (app: App, country: string | undefined) => Promise<BankRow[]>>> = {
  enablebanking: async (app, country) => {
    const { enableBankingBanks } = await import('../../connections/connect-enablebanking.js');
    return (await enableBankingBanks(app, country)).map((b) => ({
      name: b.name,
      country: b.country,
      maxConsentDays: Math.floor(b.maximumConsentValiditySeconds / 86_400),
      psuTypes: b.psuTypes,
      beta: b.beta,
    }));
  },
};

export function registerBanks(program: Command): void {
  program
    .command('banks')
    .description("list the banks a provider can link, with each bank's consent length")
    .requiredOption('--provider <id>', 'the provider whose bank list to show (enablebanking)')
    .option('--country <cc>', 'only banks in this country, e.g. DE')
    .option('--json', 'print as JSON')
    .addHelpText(
      'after',
      `
The names are the ones \`trax connect enablebanking --bank NAME --country CC\` takes. Listing
banks reads only the provider's catalogue: it uses none of a bank's daily read allowance.

Examples:
  trax banks --provider enablebanking --country DE
  trax banks --provider enablebanking --country FI --json`,
    )
    .action(async (opts: { provider: string; country?: string; json?: boolean }) => {
      const { m } = cliText();
      const known = (PROVIDER_IDS as string[]).includes(opts.provider);
      const list = known ? BANK_LISTS[opts.provider as ProviderId] : undefined;
      if (!list) {
        const listable = Object.keys(BANK_LISTS).join(', ');
        throw new TraxError(
          'not_found',
          known ? m.cliNoBankList(opts.provider, listable) : m.cliUnknownProvider(opts.provider, listable),
        );
      }
      const country = opts.country?.trim().toUpperCase();
      if (country !== undefined && !/^[A-Z]{2}$/.test(country))
        throw new TraxError('not_found', m.cliBadCountry(opts.country ?? ''));
      await withApp(async (app) => {
        const rows = await list(app, country);
        if (opts.json) return out(json(rows));
        if (rows.length === 0) return out(m.cliNoBanksListed(country ?? null));
        out(
          table(
            m.cliBanksHead.split('|'),
            rows.map((r) => [
              clean(r.name) + (r.beta ? ' (beta)' : ''),
              r.country,
              m.cliDays(r.maxConsentDays),
              r.psuTypes.join(', '),
            ]),
          ),
        );
      });
    });
}

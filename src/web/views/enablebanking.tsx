import type { Bank } from '../../providers/enablebanking/index.js';
import type { Session } from '../session.js';
import { Layout } from './layout.js';

export interface BankPickerProps {
  session: Session;
  countries: readonly string[];
  country: string;
  filter: string;
  /** The connection being renewed; its bank is the only one offered. */
  relinkId: string | null;
  /** Banks to offer, already filtered; null when there is no list to show (see `problem`). */
  banks: Bank[] | null;
  /** Why there is no list: Enable Banking not configured, or /aspsps failed. */
  problem: string | null;
}

export const logoPath = (b: Pick<Bank, 'country' | 'name'>) =>
  `/connect/enablebanking/logo?${new URLSearchParams({ country: b.country, name: b.name })}`;

/** The bank picker built from /aspsps: pick a country, filter by name, press a bank. */
export function BankPickerPage(p: BankPickerProps) {
  return (
    <Layout title={p.relinkId ? 'Renew a consent' : 'Link a bank with Enable Banking'} session={p.session}>
      <h1>{p.relinkId ? `Renew ${p.relinkId} with Enable Banking` : 'Link a bank with Enable Banking'}</h1>
      {p.relinkId ? (
        <p class="hint">
          Log in at the bank again to give Trax a new consent; the same accounts, history and categories carry on.
        </p>
      ) : (
        <form method="get" action="/connect/enablebanking" class="filters" id="bank-filter">
          <select name="country" aria-label="Country">
            {p.countries.map((cc) => (
              <option value={cc} selected={cc === p.country}>
                {cc}
              </option>
            ))}
          </select>
          <input type="search" name="q" value={p.filter} placeholder="Bank name" aria-label="Filter banks" />
          <button type="submit">Show banks</button>
        </form>
      )}
      {p.problem ? (
        <p class="empty error" role="alert">
          {p.problem}
        </p>
      ) : p.banks && p.banks.length === 0 ? (
        <p class="empty">
          {p.filter
            ? `No bank in ${p.country} matches “${p.filter}”. Clear the filter or try another name.`
            : `Enable Banking lists no bank in ${p.country} for personal accounts.`}
        </p>
      ) : (
        <ul class="bank-list">
          {(p.banks ?? []).map((b) => (
            <li>
              <form method="post" action="/connect/enablebanking">
                <input type="hidden" name="_csrf" value={p.session.csrf} />
                <input type="hidden" name="name" value={b.name} />
                <input type="hidden" name="country" value={b.country} />
                {p.relinkId && <input type="hidden" name="relink" value={p.relinkId} />}
                <button type="submit" class="bank" data-bank={b.name}>
                  <img class="logo" src={logoPath(b)} alt="" width={32} height={32} loading="lazy" />
                  <span class="bank-name">{b.name}</span>
                  <span class="muted">
                    {b.country}
                    {b.beta ? ' · beta' : ''}
                  </span>
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href="/">Back to your banks</a>
      </p>
    </Layout>
  );
}

/**
 * The hand-over to the bank's login after the POST. Not a redirect: Chromium applies the
 * `form-action 'self'` CSP to a form's redirects, and the login is on Enable Banking's host.
 */
export function ToBankPage(p: { session: Session; bank: string; url: string }) {
  return (
    <Layout title={`Log in to ${p.bank}`} session={p.session} refreshTo={p.url}>
      <h1>Taking you to {p.bank}</h1>
      <p>
        Enable Banking shows the bank's own login next; after it you come back here.{' '}
        <a class="button primary" href={p.url} rel="noreferrer">
          Continue to {p.bank}
        </a>
      </p>
    </Layout>
  );
}

import type { StoredAccount } from '../../store/accounts.js';
import type { LatestBalance } from '../../store/balances.js';
import type { StoredConnection } from '../../store/connections.js';
import { formatMoney } from '../../domain/money.js';
import type { Session } from '../session.js';
import { expiryState } from './expiry.js';
import { providerPolicy } from '../../providers/registry.js';
import { Layout } from './layout.js';

export interface HomeProps {
  session: Session;
  now: Date;
  connections: StoredConnection[];
  accounts: StoredAccount[];
  balances: Map<number, LatestBalance>;
  plaidEnabled: boolean;
  truelayerEnabled: boolean;
  enablebankingEnabled: boolean;
  plaidScript: string | null;
}

export function HomePage(p: HomeProps) {
  const live = p.connections.filter((c) => c.status !== 'revoked');
  return (
    <Layout title="Banks" session={p.session} scripts={[...(p.plaidScript ? [p.plaidScript] : []), '/static/app.js']}>
      <section class="actions">
        <h1>Your banks</h1>
        <div class="buttons">
          {p.plaidEnabled && (
            <button type="button" class="primary" data-plaid-link="new">
              Link a bank with Plaid
            </button>
          )}
          {p.truelayerEnabled && (
            <a class="button primary" href="/connect/truelayer">
              Link a bank with TrueLayer
            </a>
          )}
          {p.enablebankingEnabled && (
            <a class="button primary" href="/connect/enablebanking">
              Link a bank with Enable Banking
            </a>
          )}
          <a class="button" href="/import">
            Import a file
          </a>
        </div>
        {!p.plaidEnabled && !p.truelayerEnabled && !p.enablebankingEnabled && (
          <p class="hint">
            No provider is configured. Put TrueLayer, Enable Banking or Plaid keys in <code>.env</code> (see the README), run{' '}
            <code>npm run demo</code> to try the built-in sandboxes, or import a statement file your bank lets you download.
          </p>
        )}
        <p id="link-status" class="hint" role="status"></p>
      </section>
      {live.length === 0 ? (
        <p class="empty">
          No banks linked yet. Use a button above to link one; Trax pulls its accounts and history straight away.
        </p>
      ) : (
        live.map((c) => <ConnectionCard c={c} {...p} />)
      )}
    </Layout>
  );
}

function ConnectionCard(props: HomeProps & { c: StoredConnection }) {
  const { c } = props;
  const expiry = expiryState(c.consentExpiresAt, props.now);
  // Accounts fed only by statement files: no consent to show or renew, nothing to sync.
  const syncs = providerPolicy(c.provider).syncs;
  const relink = providerPolicy(c.provider).relink;
  const relinkHref = relink.webHref(c.id);
  const accounts = props.accounts.filter((a) => a.connectionId === c.id);
  const csrf = props.session.csrf;
  // From 7 days before the consent ends, the same flow renews it while it still works.
  const action = c.status === 'active' && expiry.tone === 'soon' ? 'Renew' : 'Relink';
  return (
    <article
      class="connection"
      data-connection-id={c.id}
      data-status={c.status}
      style={c.institutionColor ? `border-left: 4px solid ${c.institutionColor}` : undefined}
    >
      <header>
        {c.institutionLogo?.startsWith('data:image/') ? (
          <img class="logo" src={c.institutionLogo} alt="" width={32} height={32} />
        ) : (
          <span class="logo initials">{(c.institutionName ?? '?').slice(0, 2)}</span>
        )}
        <h2>{c.institutionName ?? c.institutionId ?? c.provider}</h2>
        <span class="provider">
          {c.provider}
          {c.environment === 'sandbox' ? ' · sandbox' : ''}
        </span>
        <span class={`status status-${c.status}`}>{c.status === 'needs_reauth' ? 'needs relink' : c.status}</span>
      </header>
      {syncs ? (
        <p class={`expiry expiry-${expiry.tone}`} data-expiry={expiry.tone}>
          {expiry.text}
        </p>
      ) : (
        <p class="expiry muted">From statement files: no consent to renew.</p>
      )}
      {c.lastError && c.status !== 'active' && <p class="error">{c.lastError}</p>}
      <table class="accounts">
        <tbody>
          {accounts.map((a) => {
            const b = props.balances.get(a.id);
            return (
              <tr>
                <td>
                  <a href={`/transactions?account=${a.id}`}>{a.name}</a>
                </td>
                <td class="muted">{a.iban ?? a.numberHint ?? ''}</td>
                <td class={`amount${b && b.currentMinor < 0 ? ' negative' : ''}`}>
                  {b ? formatMoney(b.currentMinor, b.currency) : '—'}
                </td>
                <td>
                  <a href={`/import?account=${a.id}`}>Import a file</a>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <footer>
        {syncs && (
          <span class="muted">
            Last sync: {c.lastSyncedAt ? c.lastSyncedAt.slice(0, 16).replace('T', ' ') + ' UTC' : 'never'}
          </span>
        )}
        {!syncs ? null : relink.inPage ? (
          <button
            type="button"
            class={action === 'Renew' ? 'primary' : undefined}
            data-plaid-link="relink"
            data-connection-id={c.id}
          >
            {action}
          </button>
        ) : relinkHref ? (
          <a class={action === 'Renew' ? 'button primary' : 'button'} href={relinkHref}>
            {action}
          </a>
        ) : (
          <code class="muted">{relink.command(c.id)}</code>
        )}
        {syncs && (
          <form method="post" action={`/connections/${c.id}/sync`}>
            <input type="hidden" name="_csrf" value={csrf} />
            <button type="submit">Sync now</button>
          </form>
        )}
        <form
          method="post"
          action={`/connections/${c.id}/delete`}
          data-confirm={
            syncs
              ? `Delete ${c.institutionName ?? c.id}? Trax revokes its access at ${c.provider}.`
              : `Delete ${c.institutionName ?? c.id}? Its imported history goes only if you tick the box.`
          }
        >
          <input type="hidden" name="_csrf" value={csrf} />
          <label>
            <input type="checkbox" name="purge" value="1" /> also delete its history
          </label>
          <button type="submit" class="danger">
            Delete
          </button>
        </form>
      </footer>
    </article>
  );
}

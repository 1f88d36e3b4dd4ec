import type { StoredAccount } from '../../store/accounts.js';
import type { LatestBalance } from '../../store/balances.js';
import type { StoredConnection } from '../../store/connections.js';
import type { Session } from '../session.js';
import { expiryState } from './expiry.js';
import { providerPolicy } from '../../providers/registry.js';
import { Layout } from './layout.js';
import { useI18n } from '../i18n.js';

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
  const { m } = useI18n();
  const live = p.connections.filter((c) => c.status !== 'revoked');
  return (
    <Layout title={m.banksTitle} session={p.session} scripts={[...(p.plaidScript ? [p.plaidScript] : []), '/static/app.js']}>
      <section class="actions">
        <h1>{m.yourBanks}</h1>
        <div class="buttons">
          {p.plaidEnabled && (
            <button type="button" class="primary" data-plaid-link="new">
              {m.linkWith('Plaid')}
            </button>
          )}
          {p.truelayerEnabled && (
            <a class="button primary" href="/connect/truelayer">
              {m.linkWith('TrueLayer')}
            </a>
          )}
          {p.enablebankingEnabled && (
            <a class="button primary" href="/connect/enablebanking">
              {m.linkWith('Enable Banking')}
            </a>
          )}
          <a class="button" href="/import">
            {m.importAFile}
          </a>
        </div>
        {!p.plaidEnabled && !p.truelayerEnabled && !p.enablebankingEnabled && (
          <p class="hint">
            {m.noProvider1} <code>.env</code> {m.noProvider2} <code>npm run demo</code> {m.noProvider3}
          </p>
        )}
        <p id="link-status" class="hint" role="status"></p>
      </section>
      {live.length === 0 ? <p class="empty">{m.noBanks}</p> : live.map((c) => <ConnectionCard c={c} {...p} />)}
    </Layout>
  );
}

function ConnectionCard(props: HomeProps & { c: StoredConnection }) {
  const { c } = props;
  const { m, money, day } = useI18n();
  const expiry = expiryState(c.consentExpiresAt, props.now, { m, day });
  // Accounts fed only by statement files: no consent to show or renew, nothing to sync.
  const syncs = providerPolicy(c.provider).syncs;
  const relink = providerPolicy(c.provider).relink;
  // Accounts kept by hand get bookings on the Cash page, not from files.
  const manualEntry = Boolean(providerPolicy(c.provider).manualEntry);
  const relinkHref = relink.webHref(c.id);
  const accounts = props.accounts.filter((a) => a.connectionId === c.id);
  const csrf = props.session.csrf;
  // From 7 days before the consent ends, the same flow renews it while it still works.
  const renew = c.status === 'active' && expiry.tone === 'soon';
  const action = renew ? m.renew : m.relink;
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
          {c.environment === 'sandbox' ? ` · ${m.sandbox}` : ''}
        </span>
        <span class={`status status-${c.status}`}>{m.connectionStatus(c.status)}</span>
      </header>
      {syncs ? (
        <p class={`expiry expiry-${expiry.tone}`} data-expiry={expiry.tone}>
          {expiry.text}
        </p>
      ) : (
        <p class="expiry muted">{manualEntry ? m.keptByHand : m.fromFilesOnly}</p>
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
                  {b ? money(b.currentMinor, b.currency) : '—'}
                </td>
                <td>
                  {manualEntry ? <a href="/cash">{m.addABooking}</a> : <a href={`/import?account=${a.id}`}>{m.importAFile}</a>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <footer>
        {syncs && (
          <span class="muted">
            {m.lastSync} {c.lastSyncedAt ? `${day(c.lastSyncedAt.slice(0, 10))} ${c.lastSyncedAt.slice(11, 16)} UTC` : m.never}
          </span>
        )}
        {!syncs ? null : relink.inPage ? (
          <button type="button" class={renew ? 'primary' : undefined} data-plaid-link="relink" data-connection-id={c.id}>
            {action}
          </button>
        ) : relinkHref ? (
          <a class={renew ? 'button primary' : 'button'} href={relinkHref}>
            {action}
          </a>
        ) : (
          <code class="muted">{relink.command(c.id)}</code>
        )}
        {syncs && (
          <form method="post" action={`/connections/${c.id}/sync`}>
            <input type="hidden" name="_csrf" value={csrf} />
            <button type="submit">{m.syncNow}</button>
          </form>
        )}
        <form
          method="post"
          action={`/connections/${c.id}/delete`}
          data-confirm={
            syncs
              ? m.confirmDeleteSynced(c.institutionName ?? c.id, c.provider)
              : m.confirmDeleteImported(c.institutionName ?? c.id)
          }
        >
          <input type="hidden" name="_csrf" value={csrf} />
          <label>
            <input type="checkbox" name="purge" value="1" /> {m.alsoDeleteHistory}
          </label>
          <button type="submit" class="danger">
            {m.delete}
          </button>
        </form>
      </footer>
    </article>
  );
}

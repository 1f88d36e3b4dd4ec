import type { TransactionRow } from '../../store/transactions.js';
import type { StoredAccount } from '../../store/accounts.js';
import type { Category } from '../../store/categories.js';
import { formatMoney } from '../../domain/money.js';
import type { Session } from '../session.js';
import { Layout } from './layout.js';

export function TransactionsPage(p: { session: Session; rows: TransactionRow[]; accounts: StoredAccount[]; categories: Category[]; accountId: number | null; month: string | null }) {
  const names = new Map(p.accounts.map((a) => [a.id, a.name]));
  return (
    <Layout title="Transactions" session={p.session} scripts={['/static/app.js']}>
      <template id="category-options">
        {p.categories.map((c) => (
          <option value={c.slug}>{c.parentId ? `  ${c.name}` : c.name}</option>
        ))}
      </template>
      <p id="link-status" class="hint" role="status"></p>
      <h1>Transactions{p.accountId !== null ? ` · ${names.get(p.accountId) ?? p.accountId}` : ''}{p.month ? ` · ${p.month}` : ''}</h1>
      {p.rows.length === 0 ? (
        <p class="empty">No transactions here yet. Link a bank on the Banks page; its history arrives right after.</p>
      ) : (
        <table class="transactions">
          <thead>
            <tr>
              <th>Date</th>
              <th>Account</th>
              <th>Description</th>
              <th>Category</th>
              <th class="amount">Amount</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((t) => (
              <tr data-pending={t.pending ? '1' : '0'}>
                <td>{t.booking_date}</td>
                <td>{names.get(t.account_id) ?? ''}</td>
                <td class="description">
                  {t.merchant ?? t.description}
                  {t.pending ? <span class="badge">pending</span> : null}
                </td>
                <td class="category-cell">
                  <button type="button" class="category" data-txn={String(t.id)} data-category={t.category_slug ?? ''} title={`from ${t.category_source ?? 'nothing yet'}${t.provider_category ? `; bank says ${t.provider_classification ?? t.provider_category}` : ''}`}>
                    {t.category_name ?? 'Uncategorized'}
                  </button>
                  {t.category_source === 'user' ? <span class="badge mine">yours</span> : null}
                  {t.transfer_pair_id ? <span class="badge">transfer</span> : null}
                </td>
                <td class={`amount${t.amount_minor < 0 ? ' negative' : ''}`}>{formatMoney(t.amount_minor, t.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

export function OAuthReturnPage(p: { session: Session; plaidScript: string }) {
  return (
    <Layout title="Finishing bank login" session={p.session} scripts={[p.plaidScript, '/static/app.js']}>
      <h1>Finishing your bank login…</h1>
      <p id="link-status" class="hint" role="status" data-oauth-return="1">
        Your bank sent you back; Plaid Link is completing the connection.
      </p>
    </Layout>
  );
}

export function LoginPage(p: { session: Session; next: string; failed: boolean }) {
  return (
    <Layout title="Log in" session={p.session}>
      <h1>Log in to Trax</h1>
      {p.failed && <p class="flash error">That password is not right.</p>}
      <form method="post" action="/login" class="login">
        <input type="hidden" name="_csrf" value={p.session.csrf} />
        <input type="hidden" name="next" value={p.next} />
        <label>
          Password <input type="password" name="password" autocomplete="current-password" autofocus />
        </label>
        <button type="submit" class="primary">
          Log in
        </button>
      </form>
    </Layout>
  );
}

export function MessagePage(p: { session: Session; title: string; text: string }) {
  return (
    <Layout title={p.title} session={p.session}>
      <h1>{p.title}</h1>
      <p>{p.text}</p>
      <p>
        <a href="/">Back to your banks</a>
      </p>
    </Layout>
  );
}

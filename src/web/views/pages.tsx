import type { TransactionRow } from '../../store/transactions.js';
import type { StoredAccount } from '../../store/accounts.js';
import type { Category } from '../../store/categories.js';
import { formatMoney } from '../../domain/money.js';
import type { Session } from '../session.js';
import { Layout } from './layout.js';
import { useI18n } from '../i18n.js';

export interface TransactionsProps {
  session: Session;
  rows: TransactionRow[];
  accounts: StoredAccount[];
  categories: Category[];
  params: Record<string, string>;
  total: number;
  page: number;
  pageSize: number;
}

/** The same query with some parameters changed, for sort and page links. */
const withParams = (params: Record<string, string>, change: Record<string, string | null>) => {
  const q = new URLSearchParams(params);
  for (const [k, v] of Object.entries(change)) {
    if (v === null) q.delete(k);
    else q.set(k, v);
  }
  return `/transactions?${q}`;
};

export function TransactionsPage(p: TransactionsProps) {
  const names = new Map(p.accounts.map((a) => [a.id, a.name]));
  const f = p.params;
  const first = (p.page - 1) * p.pageSize + 1;
  const last = Math.min(p.total, p.page * p.pageSize);
  const sortLink = (key: 'date' | 'amount', label: string) => {
    const active = (f.sort ?? 'date') === key;
    const nextOrder = active && (f.order ?? 'desc') === 'desc' ? 'asc' : 'desc';
    return (
      <a href={withParams(f, { sort: key, order: nextOrder, page: null })} class={active ? 'sorted' : ''}>
        {label}
        {active ? ((f.order ?? 'desc') === 'desc' ? ' ↓' : ' ↑') : ''}
      </a>
    );
  };
  return (
    <Layout title="Transactions" session={p.session} scripts={['/static/app.js']}>
      <template id="category-options">
        {p.categories.map((c) => (
          <option value={c.slug}>{c.parentId ? `  ${c.name}` : c.name}</option>
        ))}
      </template>
      <h1>Transactions</h1>
      <form method="get" action="/transactions" class="filters">
        <input type="month" name="month" value={f.month ?? ''} aria-label="Month" />
        <select name="account" aria-label="Account">
          <option value="">All accounts</option>
          {p.accounts.map((a) => (
            <option value={String(a.id)} selected={f.account === String(a.id)}>
              {a.name}
            </option>
          ))}
        </select>
        <select name="category" aria-label="Category">
          <option value="">All categories</option>
          {p.categories.map((c) => (
            <option value={c.slug} selected={f.category === c.slug}>
              {c.parentId ? `  ${c.name}` : c.name}
            </option>
          ))}
        </select>
        <input type="search" name="q" value={f.q ?? ''} placeholder="Search text" aria-label="Search" />
        <input type="text" name="min" value={f.min ?? ''} placeholder="min" size={6} aria-label="Minimum amount" />
        <input type="text" name="max" value={f.max ?? ''} placeholder="max" size={6} aria-label="Maximum amount" />
        {f.merchant ? <input type="hidden" name="merchant" value={f.merchant} /> : null}
        <button type="submit">Filter</button>
        <a href="/transactions">Clear</a>
      </form>
      <p id="link-status" class="hint" role="status"></p>
      {p.rows.length === 0 ? (
        <p class="empty">
          {p.total === 0 && Object.keys(f).length === 0
            ? 'No transactions here yet. Link a bank on the Banks page; its history arrives right after.'
            : 'Nothing matches these filters. Clear them to see everything.'}
        </p>
      ) : (
        <>
          <p class="muted" data-total={String(p.total)}>
            Showing {first}–{last} of {p.total.toLocaleString('en')}
          </p>
          <table class="transactions">
            <thead>
              <tr>
                <th>{sortLink('date', 'Date')}</th>
                <th>Account</th>
                <th>Description</th>
                <th>Category</th>
                <th class="amount">{sortLink('amount', 'Amount')}</th>
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
                    <button
                      type="button"
                      class="category"
                      data-txn={String(t.id)}
                      data-category={t.category_slug ?? ''}
                      title={`from ${t.category_source ?? 'nothing yet'}${t.provider_category ? `; bank says ${t.provider_classification ?? t.provider_category}` : ''}`}
                    >
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
          <nav class="pager">
            {p.page > 1 ? <a href={withParams(f, { page: String(p.page - 1) })}>← Newer</a> : <span />}
            {last < p.total ? <a href={withParams(f, { page: String(p.page + 1) })}>Older →</a> : <span />}
          </nav>
        </>
      )}
    </Layout>
  );
}

export function OAuthReturnPage(p: { session: Session; plaidScript: string }) {
  const { m } = useI18n();
  return (
    <Layout title={m.finishingTitle} session={p.session} scripts={[p.plaidScript, '/static/app.js']}>
      <h1>{m.finishingHeading}</h1>
      <p id="link-status" class="hint" role="status" data-oauth-return="1">
        {m.finishingText}
      </p>
    </Layout>
  );
}

/** `problem`: why the last attempt did not log in (wrong password, or too many tries). */
export function LoginPage(p: { session: Session; next: string; problem: string | null }) {
  const { m } = useI18n();
  return (
    <Layout title={m.loginTitle} session={p.session}>
      <h1>{m.loginHeading}</h1>
      {p.problem && <p class="flash error">{p.problem}</p>}
      <form method="post" action="/login" class="login">
        <input type="hidden" name="_csrf" value={p.session.csrf} />
        <input type="hidden" name="next" value={p.next} />
        <label>
          {m.password} <input type="password" name="password" autocomplete="current-password" autofocus />
        </label>
        <button type="submit" class="primary">
          {m.logIn}
        </button>
      </form>
    </Layout>
  );
}

export function MessagePage(p: { session: Session; title: string; text: string }) {
  const { m } = useI18n();
  return (
    <Layout title={p.title} session={p.session}>
      <h1>{p.title}</h1>
      <p>{p.text}</p>
      <p>
        <a href="/">{m.backToBanks}</a>
      </p>
    </Layout>
  );
}

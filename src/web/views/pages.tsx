import type { TransactionRow } from '../../store/transactions.js';
import type { StoredAccount } from '../../store/accounts.js';
import type { Category } from '../../store/categories.js';
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
  /** The sum of every matching row (not only this page), one per currency. */
  totals: { currency: string; totalMinor: number }[];
  /** The page's rows' notes and tags, by transaction id. */
  notes: Map<number, string>;
  tags: Map<number, string[]>;
  page: number;
  pageSize: number;
  /** What the search box's query had that Trax did not understand (the rest was searched). */
  warnings?: string[];
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
  const { m, money, day, category } = useI18n();
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
    <Layout title={m.transactionsTitle} session={p.session} scripts={['/static/app.js']} query={f.q}>
      <template id="category-options">
        {p.categories.map((c) => (
          <option value={c.slug}>{c.parentId ? `  ${category(c.slug, c.name)}` : category(c.slug, c.name)}</option>
        ))}
      </template>
      <h1>{m.transactionsTitle}</h1>
      <p>
        <a href="/cash">{m.cashLink}</a>
      </p>
      <form method="get" action="/transactions" class="filters">
        <input type="month" name="month" value={f.month ?? ''} aria-label={m.month} />
        <select name="account" aria-label={m.account}>
          <option value="">{m.allAccounts}</option>
          {p.accounts.map((a) => (
            <option value={String(a.id)} selected={f.account === String(a.id)}>
              {a.name}
            </option>
          ))}
        </select>
        <select name="category" aria-label={m.category}>
          <option value="">{m.allCategories}</option>
          {p.categories.map((c) => (
            <option value={c.slug} selected={f.category === c.slug}>
              {c.parentId ? `  ${category(c.slug, c.name)}` : category(c.slug, c.name)}
            </option>
          ))}
        </select>
        {/* The search box in the header holds the query; the filters keep it. */}
        {f.q ? <input type="hidden" name="q" value={f.q} /> : null}
        <input
          type="text"
          name="min"
          value={f.min ?? ''}
          placeholder={m.min}
          size={6}
          aria-label={m.minAmount}
          aria-describedby="amount-hint"
        />
        <input
          type="text"
          name="max"
          value={f.max ?? ''}
          placeholder={m.max}
          size={6}
          aria-label={m.maxAmount}
          aria-describedby="amount-hint"
        />
        {f.merchant ? <input type="hidden" name="merchant" value={f.merchant} /> : null}
        <button type="submit">{m.filter}</button>
        <a href="/transactions">{m.clear}</a>
        <small id="amount-hint" class="hint">
          {m.amountFilterHint}
        </small>
      </form>
      {(p.warnings ?? []).map((w) => (
        <p class="search-warning" role="status">
          {w}
        </p>
      ))}
      <p id="link-status" class="hint" role="status"></p>
      {p.rows.length === 0 ? (
        <p class="empty">{p.total === 0 && Object.keys(f).length === 0 ? m.noTransactions : m.nothingMatches}</p>
      ) : (
        <>
          <p class="muted" data-total={String(p.total)}>
            {m.showing(first, last, p.total)}
          </p>
          <p class="list-total">
            {m.filteredTotal}{' '}
            {p.totals.map((s, i) => (
              <>
                {i > 0 ? ' · ' : ''}
                <strong
                  data-currency={s.currency}
                  data-total-minor={String(s.totalMinor)}
                  class={s.totalMinor < 0 ? 'negative' : ''}
                >
                  {money(s.totalMinor, s.currency)}
                </strong>
              </>
            ))}
          </p>
          <p class="hint keys-hint">{m.listKeysHint}</p>
          <table class="transactions" data-note-label={m.listNoteLabel} data-tag-label={m.listTagLabel} data-saved={m.listSaved}>
            <thead>
              <tr>
                <th>{sortLink('date', m.date)}</th>
                <th>{m.account}</th>
                <th>{m.description}</th>
                <th>{m.category}</th>
                <th class="amount">{sortLink('amount', m.amount)}</th>
              </tr>
            </thead>
            <tbody>
              {p.rows.map((t, i) => (
                <tr data-pending={t.pending ? '1' : '0'} data-row={String(t.id)} tabindex={i === 0 ? 0 : -1}>
                  <td>{day(t.booking_date)}</td>
                  <td>{names.get(t.account_id) ?? ''}</td>
                  <td class="description">
                    <a href={`/transactions/${t.id}`}>{t.merchant ?? t.description}</a>
                    {t.pending ? <span class="badge">{m.pending}</span> : null}
                    <span class="tags">
                      {(p.tags.get(t.id) ?? []).map((tag) => (
                        <span class="tag">#{tag}</span>
                      ))}
                    </span>
                    <span class="note">{p.notes.get(t.id) ?? ''}</span>
                    <span class="row-error error" role="alert"></span>
                  </td>
                  <td class="category-cell">
                    <button
                      type="button"
                      class="category"
                      data-txn={String(t.id)}
                      data-category={t.category_slug ?? ''}
                      title={m.categoryFrom(
                        t.category_source,
                        t.provider_category ? (t.provider_classification ?? t.provider_category) : null,
                      )}
                    >
                      {t.category_slug && t.category_name ? category(t.category_slug, t.category_name) : m.uncategorized}
                    </button>
                    {t.category_source === 'user' ? <span class="badge mine">{m.yours}</span> : null}
                    {t.transfer_pair_id ? <span class="badge">{m.transfer}</span> : null}
                  </td>
                  <td class={`amount${t.amount_minor < 0 ? ' negative' : ''}`}>{money(t.amount_minor, t.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <nav class="pager">
            {p.page > 1 ? <a href={withParams(f, { page: String(p.page - 1) })}>{m.newer}</a> : <span />}
            {last < p.total ? <a href={withParams(f, { page: String(p.page + 1) })}>{m.older}</a> : <span />}
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
